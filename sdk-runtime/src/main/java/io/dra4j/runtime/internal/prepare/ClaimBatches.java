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
package io.dra4j.runtime.internal.prepare;

import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.metrics.RuntimeMetrics;
import io.dra4j.runtime.internal.prepare.ClaimError.Reason;
import io.dra4j.runtime.internal.sockets.SerializeLock;
import io.grpc.Deadline;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs the claims of one kubelet call: each claim on the worker pool, concurrently with the others
 * and bounded by the call's deadline. Every requested claim gets an answer; malformed and timed-out
 * claims get their own error; a UID repeated in one call is handled once; the same UID is never
 * handled by two threads at once. With a rolling update, whole calls are serialized across driver
 * instances by a file lock.
 */
public final class ClaimBatches {
  private static final Logger LOG = LoggerFactory.getLogger(ClaimBatches.class);

  /** The kubelet's deadline for one call, used when a call carries none. */
  public static final Duration KUBELET_CALL_TIMEOUT = Duration.ofSeconds(45);

  private final String driver;
  private final ClaimPreparer preparer;
  private final ExecutorService workers;
  private final Optional<SerializeLock> serializeLock;
  private final RuntimeMetrics metrics;
  private final KeyedLocks claimLocks = new KeyedLocks();

  /**
   * @param driver the driver name, for logs
   * @param preparer the per-claim pipeline
   * @param workers the bounded pool claims run on; owned by the caller
   * @param serializeLock the cross-instance lock, with rolling updates
   * @param metrics counts claims and errors
   */
  public ClaimBatches(
      String driver,
      ClaimPreparer preparer,
      ExecutorService workers,
      Optional<SerializeLock> serializeLock,
      RuntimeMetrics metrics) {
    this.driver = driver;
    this.preparer = preparer;
    this.workers = workers;
    this.serializeLock = serializeLock;
    this.metrics = metrics;
  }

  /** Prepares every claim of one call; the result has an entry per distinct requested UID. */
  public Map<String, ClaimAnswer> prepare(List<ClaimRequest> claims, Deadline deadline) {
    return run("prepare", claims, deadline, preparer::prepare);
  }

  /** Unprepares every claim of one call; the result has an entry per distinct requested UID. */
  public Map<String, ClaimAnswer> unprepare(List<ClaimRequest> claims, Deadline deadline) {
    return run("unprepare", claims, deadline, preparer::unprepare);
  }

  private Map<String, ClaimAnswer> run(
      String operation,
      List<ClaimRequest> claims,
      Deadline callDeadline,
      Function<ClaimRef, ClaimAnswer> work) {
    Deadline deadline = answerBy(callDeadline);
    String uids = claims.stream().map(ClaimRequest::uid).collect(Collectors.joining(","));
    MDC.put("driver", driver);
    MDC.put("claims", uids);
    try {
      LOG.info("{} of {} claim(s) for driver {}: {}", operation, claims.size(), driver, uids);
      Map<String, ClaimAnswer> answers;
      if (serializeLock.isPresent()) {
        answers = runSerialized(operation, claims, deadline, work);
      } else {
        answers = runConcurrently(operation, claims, deadline, work);
      }
      answers.forEach(
          (uid, answer) -> {
            if (answer.failed()) {
              ClaimError error = answer.error().get();
              metrics.claimError(operation, error.reason().label());
              LOG.warn("{} of claim {} failed: {}", operation, describe(claims, uid), error.text());
            } else if (operation.equals("prepare")) {
              metrics.claimPrepared();
            } else {
              metrics.claimUnprepared();
            }
          });
      return answers;
    } finally {
      MDC.remove("claims");
      MDC.remove("driver");
    }
  }

  private Map<String, ClaimAnswer> runSerialized(
      String operation,
      List<ClaimRequest> claims,
      Deadline deadline,
      Function<ClaimRef, ClaimAnswer> work) {
    SerializeLock lock = serializeLock.get();
    try (SerializeLock.Held held = lock.acquire(remaining(deadline))) {
      return runConcurrently(operation, claims, deadline, work);
    } catch (IOException | TimeoutException e) {
      return allFailed(
          claims,
          new ClaimError(
              e instanceof TimeoutException ? Reason.TIMEOUT : Reason.SERIALIZE_LOCK_FAILED,
              "cannot take "
                  + lock.file()
                  + " that serializes driver instances during a rolling update: "
                  + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return allFailed(
          claims,
          new ClaimError(
              Reason.SHUTTING_DOWN, "the driver is shutting down; the kubelet will retry"));
    }
  }

  private Map<String, ClaimAnswer> runConcurrently(
      String operation,
      List<ClaimRequest> claims,
      Deadline deadline,
      Function<ClaimRef, ClaimAnswer> work) {
    Map<String, ClaimAnswer> answers = new LinkedHashMap<>();
    Map<String, Future<ClaimAnswer>> pending = new LinkedHashMap<>();
    Map<String, ClaimRef> refs = new LinkedHashMap<>();
    for (ClaimRequest claim : claims) {
      Optional<String> problem = claim.problem();
      if (problem.isPresent()) {
        answers.putIfAbsent(
            claim.uid(), ClaimAnswer.failed(Reason.MALFORMED_REQUEST, problem.get()));
        continue;
      }
      if (pending.containsKey(claim.uid())) {
        LOG.info(
            "claim uid {} appears more than once in one {} call; handled once",
            claim.uid(),
            operation);
        continue;
      }
      ClaimRef ref = claim.ref();
      refs.put(claim.uid(), ref);
      try {
        pending.put(claim.uid(), workers.submit(() -> handle(operation, ref, deadline, work)));
      } catch (RejectedExecutionException e) {
        // The pool is shut down: this claim fails on its own instead of failing the whole call.
        answers.put(claim.uid(), shuttingDown(operation));
      }
    }
    pending.forEach(
        (uid, future) -> {
          ClaimAnswer answer;
          try {
            answer = future.get(Math.max(0, remaining(deadline).toNanos()), TimeUnit.NANOSECONDS);
          } catch (TimeoutException e) {
            future.cancel(true);
            answer = timeout(operation);
          } catch (ExecutionException e) {
            LOG.error(
                "{} of claim {} by driver {} failed unexpectedly",
                operation,
                refs.get(uid),
                driver,
                e.getCause());
            answer =
                ClaimAnswer.failed(
                    Reason.INTERNAL, operation + " failed unexpectedly: " + e.getCause());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            answer = shuttingDown(operation);
          }
          answers.put(uid, answer);
        });
    return answers;
  }

  private ClaimAnswer handle(
      String operation, ClaimRef ref, Deadline deadline, Function<ClaimRef, ClaimAnswer> work)
      throws InterruptedException {
    MDC.put("driver", driver);
    MDC.put("claim", ref.uid());
    try {
      if (!claimLocks.tryLock(ref.uid(), remaining(deadline).toNanos(), TimeUnit.NANOSECONDS)) {
        return timeout(operation);
      }
      try {
        return work.apply(ref);
      } finally {
        claimLocks.unlock(ref.uid());
      }
    } finally {
      MDC.remove("claim");
      MDC.remove("driver");
    }
  }

  private ClaimAnswer shuttingDown(String operation) {
    return ClaimAnswer.failed(
        Reason.SHUTTING_DOWN,
        operation
            + " did not finish: driver "
            + driver
            + " is shutting down; the kubelet retries once the driver serves again");
  }

  private ClaimAnswer timeout(String operation) {
    return ClaimAnswer.failed(
        Reason.TIMEOUT,
        operation
            + " by driver "
            + driver
            + " did not finish before the kubelet's deadline; the kubelet retries, and a provider"
            + " that keeps hanging should be checked for a blocked device");
  }

  /** The claim of a UID as the kubelet named it, for logs. */
  private static String describe(List<ClaimRequest> claims, String uid) {
    return claims.stream()
        .filter(c -> c.uid().equals(uid))
        .findFirst()
        .map(c -> c.namespace() + "/" + c.name() + " (uid " + uid + ")")
        .orElse(uid);
  }

  /**
   * When the answer must be sent: a little before the caller's deadline, so that timed-out claims
   * still reach the kubelet as per-claim errors instead of a DEADLINE_EXCEEDED for the whole call.
   */
  static Deadline answerBy(Deadline callDeadline) {
    long remaining = callDeadline.timeRemaining(TimeUnit.MILLISECONDS);
    long margin = Math.max(50, Math.min(1000, remaining / 10));
    return callDeadline.offset(-margin, TimeUnit.MILLISECONDS);
  }

  private static Duration remaining(Deadline deadline) {
    return Duration.ofNanos(Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS)));
  }

  private static Map<String, ClaimAnswer> allFailed(List<ClaimRequest> claims, ClaimError error) {
    Map<String, ClaimAnswer> answers = new LinkedHashMap<>();
    claims.forEach(c -> answers.put(c.uid(), ClaimAnswer.failed(error.reason(), error.message())));
    return answers;
  }
}
