/*
 * Copyright 2026 The dra4j Authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.dra4j.testkit.apiserver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection for a {@link FakeApiServer}: one {@link Outage} switch for the whole server, and
 * failures queued for the next requests of a verb on a resource. Get it with {@link
 * FakeApiServer#faults()}. Thread-safe.
 *
 * <pre>{@code
 * api.faults().failNext("update", "resourceslices", 409, 1); // one conflict
 * api.faults().outage(Outage.UNREACHABLE); // connections refused
 * api.faults().outage(Outage.NONE); // serving again, on the same port
 * api.faults().clear(); // no outage and no queued failures
 * }</pre>
 */
public final class Faults {
  private static final Logger LOG = LoggerFactory.getLogger(Faults.class);

  /** The resource name that makes {@link #failNext} target the discovery documents. */
  public static final String DISCOVERY = "discovery";

  /** Matches any verb or any resource in {@link #failNext}. */
  public static final String ANY = "*";

  private static final String UNAVAILABLE_MESSAGE =
      "the server is currently unable to handle the request";

  private record Failure(String verb, String resource, int code, AtomicInteger remaining) {
    boolean matches(String verb, String resource, String plural) {
      return (this.verb.equals(ANY) || this.verb.equals(verb))
          && (this.resource.equals(ANY)
              || this.resource.equals(resource)
              || this.resource.equals(plural));
    }

    /** Uses one of the remaining failures; false when none is left. */
    boolean take() {
      return remaining.getAndDecrement() > 0;
    }
  }

  private final ObjectStore store;
  private final Listener listener;
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private volatile Outage outage = Outage.NONE;

  Faults(ObjectStore store, Listener listener) {
    this.store = store;
    this.listener = listener;
  }

  /**
   * Switches the server into {@code outage}, or back to serving with {@link Outage#NONE}. Entering
   * an outage closes open watches; leaving {@link Outage#UNREACHABLE} listens on the same port
   * again. Queued {@link #failNext} failures are kept.
   *
   * @return these faults
   * @throws IllegalStateException when the port cannot be listened on again
   */
  public synchronized Faults outage(Outage next) {
    Outage previous = outage;
    outage = next;
    if (next != Outage.NONE) {
      store.closeWatches();
    }
    if (next == Outage.UNREACHABLE) {
      listener.stop();
    } else if (previous == Outage.UNREACHABLE) {
      listener.resume();
    }
    if (next != previous) {
      LOG.debug("fake API server on port {}: outage {} -> {}", listener.port(), previous, next);
    }
    return this;
  }

  /** The current outage; {@link Outage#NONE} while serving. */
  public Outage outage() {
    return outage;
  }

  /**
   * Makes the next {@code count} requests with this verb on this resource fail with HTTP status
   * {@code code} and a proper {@code Status} body (403 Forbidden, 404 NotFound, 409 Conflict, 429
   * TooManyRequests and 503 ServiceUnavailable read as kube-apiserver's; any other code is an
   * InternalError). {@link #ANY} matches any verb or resource; a resource without {@code /status}
   * matches its status subresource too; resource {@link #DISCOVERY} with verb {@code get} targets
   * the discovery documents.
   *
   * @param verb get, list, watch, create, update, patch, delete, deletecollection or {@link #ANY}
   * @param resource the plural, e.g. {@code resourceslices}, or {@code pods/status}
   * @return these faults
   * @throws IllegalArgumentException when {@code code} is not an HTTP error status or {@code count}
   *     is not positive
   */
  public Faults failNext(String verb, String resource, int code, int count) {
    if (code < 400 || code > 599) {
      throw new IllegalArgumentException(
          "failNext needs an HTTP error status (400-599), not " + code + "; use e.g. 500 or 409");
    }
    if (count < 1) {
      throw new IllegalArgumentException(
          "failNext needs a positive count of requests to fail, not " + count);
    }
    failures.add(new Failure(verb, resource, code, new AtomicInteger(count)));
    return this;
  }

  /** Ends any outage and drops every queued failure: the server is healthy again. */
  public void clear() {
    failures.clear();
    outage(Outage.NONE);
  }

  /**
   * Throws the 503 of an {@link Outage#UNAVAILABLE} server.
   *
   * @throws ApiError while unavailable
   */
  void checkAvailable() {
    if (outage == Outage.UNAVAILABLE) {
      throw new ApiError(503, "ServiceUnavailable", UNAVAILABLE_MESSAGE);
    }
  }

  /**
   * Throws the failure queued for a discovery request, if any.
   *
   * @throws ApiError 403 reads as an anonymous user's, other codes as an internal error
   */
  void checkDiscovery() {
    for (Failure f : failures) {
      boolean match = (f.verb.equals(ANY) || f.verb.equals("get")) && f.resource.equals(DISCOVERY);
      if (match && f.take()) {
        throw f.code == 403
            ? new ApiError(
                403, "Forbidden", "forbidden: User \"system:anonymous\" cannot get path \"/apis\"")
            : new ApiError(f.code, "InternalError", "an injected error occurred (" + f.code + ")");
      }
    }
    failures.removeIf(f -> f.remaining.get() <= 0);
  }

  /**
   * Throws the failure queued for this request, if any.
   *
   * @throws ApiError with the status and message kube-apiserver sends for that code
   */
  void check(String verb, Route route) {
    for (Failure f : failures) {
      if (f.matches(verb, route.resourcePath(), route.resource().plural()) && f.take()) {
        throw injected(f.code, verb, route);
      }
    }
    failures.removeIf(f -> f.remaining.get() <= 0);
  }

  private static ApiError injected(int code, String verb, Route route) {
    ApiResource r = route.resource();
    return switch (code) {
      case 403 -> ApiError.forbidden(verb, route);
      case 409 ->
          ApiError.conflict(
              r,
              route.name(),
              "the object has been modified; please apply your changes to the latest version and"
                  + " try again");
      case 404 -> ApiError.notFound(r, route.name());
      case 429 -> new ApiError(429, "TooManyRequests", "too many requests, please try again");
      case 503 -> new ApiError(503, "ServiceUnavailable", UNAVAILABLE_MESSAGE);
      default -> new ApiError(code, "InternalError", "an injected error occurred (" + code + ")");
    };
  }
}
