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
package io.dra4j.runtime.internal.kube;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.slices.ServerVersion;
import io.kubernetes.client.openapi.ApiException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API server's Kubernetes version as the slice publisher needs it: read once ({@code GET
 * /version}, as raw JSON so that fields a newer server adds are no problem), and read again after
 * something suggests the server may have been replaced, such as a broken watch or a write rejected
 * as invalid. A control-plane upgrade thus changes the slice layout without a driver restart.
 * Thread-safe.
 */
public final class ServerVersions {
  private static final Logger LOG = LoggerFactory.getLogger(ServerVersions.class);

  /** Reads the version from the server. */
  @FunctionalInterface
  interface Reader {
    ServerVersion read() throws ApiException;
  }

  private final String server;
  private final Optional<Reader> reader;
  private ServerVersion known = ServerVersion.UNKNOWN;
  private boolean read;
  private boolean stale;
  private boolean failureLogged;

  private ServerVersions(String server, Optional<Reader> reader, ServerVersion initial) {
    this.server = server;
    this.reader = reader;
    this.known = initial;
    this.read = reader.isEmpty();
  }

  /** Always {@code version}: for a publisher told its server's rules up front. */
  public static ServerVersions fixed(ServerVersion version) {
    return new ServerVersions("", Optional.empty(), Objects.requireNonNull(version, "version"));
  }

  /** The version of the API server behind {@code client}, read on first use. */
  public static ServerVersions of(KubeClient client) {
    return reading(client.basePath(), () -> read(client));
  }

  static ServerVersions reading(String server, Reader reader) {
    return new ServerVersions(server, Optional.of(reader), ServerVersion.UNKNOWN);
  }

  /** {@code GET /version} as JSON. */
  static ServerVersion read(KubeClient client) throws ApiException {
    JsonObject info = client.execute(client.get("/version"));
    return ServerVersion.parse(JsonFields.string(info, "major"), JsonFields.string(info, "minor"));
  }

  /** The version last read, without asking the server; {@link ServerVersion#UNKNOWN} before. */
  public synchronized ServerVersion lastKnown() {
    return known;
  }

  /**
   * The server's version: the one read before, or read now when it was never read or may have
   * changed ({@link #mayHaveChanged}). When the server cannot be reached the first time, the result
   * is {@link ServerVersion#UNKNOWN} and the next call asks again.
   *
   * @throws ApiException when the version may have changed and the server cannot be reached to
   *     confirm it (no answer, or a 5xx): a caller should retry later rather than write slices for
   *     the wrong release
   */
  public synchronized ServerVersion current() throws ApiException {
    if (reader.isEmpty() || (read && !stale)) {
      return known;
    }
    try {
      ServerVersion now = reader.get().read();
      if (read && !now.equals(known)) {
        LOG.info(
            "the API server at {} now reports Kubernetes {} (was {}); slices follow its rules",
            server,
            now,
            known);
      }
      known = now;
      read = true;
      stale = false;
      failureLogged = false;
      return now;
    } catch (ApiException e) {
      boolean unreachable = e.getCode() == 0 || e.getCode() >= 500;
      if (stale && unreachable) {
        throw e;
      }
      if (!failureLogged) {
        failureLogged = true;
        LOG.warn(
            "cannot read the version of the API server at {} ({}); slices follow the rules of"
                + " Kubernetes {}",
            server,
            JsonInformer.describe(e),
            read ? known : "1.35 and later");
      }
      // Not a connection problem (for example 403): keep what is known rather than stop writing.
      stale = false;
      return known;
    }
  }

  /** The version may have changed: the next {@link #current} reads it from the server again. */
  public synchronized void mayHaveChanged() {
    if (reader.isPresent() && read) {
      stale = true;
    }
  }
}
