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
package io.dra4j.bench.faults;

import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The kubelet's churn: one thread that prepares an unprepared claim or unprepares a prepared one,
 * picked at random, and keeps the kubelet's view of which claims are prepared. A call cut off by a
 * kill leaves its claim {@link #inFlight}; {@link #settle} retries it as the kubelet would.
 */
final class Churn {
  private final List<Claim> claims;
  private final Path cdiDir;
  private final boolean[] prepared;
  private final Random random;
  final AtomicLong calls = new AtomicLong();
  final AtomicLong callErrors = new AtomicLong();
  final AtomicLong wrongAnswers = new AtomicLong();
  final List<String> wrong = new ArrayList<>();

  /** The first error text of each kind (the text up to its first digit), for the report. */
  final java.util.Map<String, String> errorKinds = new java.util.LinkedHashMap<>();

  private final AtomicInteger inFlight = new AtomicInteger(-1);
  private volatile boolean inFlightPrepare;
  private volatile boolean running;
  private Thread thread;

  Churn(List<Claim> claims, Path cdiDir, long seed) {
    this.claims = claims;
    this.cdiDir = cdiDir;
    this.prepared = new boolean[claims.size()];
    this.random = new Random(seed);
  }

  /** Starts churning against {@code socket} until {@link #stop}. */
  void start(Path socket) {
    running = true;
    thread =
        new Thread(
            () -> {
              try (Kubelet kubelet = new Kubelet(socket)) {
                while (running) {
                  if (!step(kubelet)) {
                    return; // the driver is gone; the claim stays in flight
                  }
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "churn");
    thread.start();
  }

  /** One call; false when it failed on the transport (the driver died under it). */
  private boolean step(Kubelet kubelet) {
    int i = random.nextInt(claims.size());
    boolean prepare = !prepared[i];
    inFlightPrepare = prepare;
    inFlight.set(i);
    Kubelet.Answer a = prepare ? kubelet.prepare(claims.get(i)) : kubelet.unprepare(claims.get(i));
    if (a.transport()) {
      return false;
    }
    calls.incrementAndGet();
    inFlight.set(-1);
    record(i, prepare, a);
    return true;
  }

  private synchronized void record(int i, boolean prepare, Kubelet.Answer a) {
    if (!a.ok()) {
      callErrors.incrementAndGet();
      errorKinds.putIfAbsent(a.error().replaceAll("[0-9].*", ""), a.error());
      return;
    }
    if (prepare) {
      String why = Kubelet.wrongness(a, claims.get(i), i, cdiDir);
      if (!why.isEmpty()) {
        wrongAnswers.incrementAndGet();
        wrong.add(claims.get(i).getName() + ": " + why);
      }
    }
    prepared[i] = prepare;
  }

  void stop() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.join(60_000);
    }
  }

  /** The claim whose call the kill cut off, or -1. */
  int inFlight() {
    return inFlight.get();
  }

  /**
   * Retries the cut-off call until it succeeds, as the kubelet does, then re-prepares every
   * prepared claim (an idempotent call that must return the same answer). False when a retry
   * failed.
   */
  boolean settle(Kubelet kubelet) {
    int i = inFlight.getAndSet(-1);
    boolean ok = true;
    if (i >= 0) {
      Kubelet.Answer a =
          inFlightPrepare ? kubelet.prepare(claims.get(i)) : kubelet.unprepare(claims.get(i));
      ok = a.ok();
      record(i, inFlightPrepare, a);
    }
    for (int c = 0; c < claims.size(); c++) {
      if (prepared[c]) {
        Kubelet.Answer a = kubelet.prepare(claims.get(c));
        ok &= a.ok();
        record(c, true, a);
      }
    }
    return ok;
  }

  /**
   * Claims the kubelet holds unprepared whose CDI spec is still on disk (not counting {@code
   * except}).
   */
  List<String> staleSpecs(int except) {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < claims.size(); c++) {
      if (!prepared[c]
          && c != except
          && java.nio.file.Files.exists(Kubelet.spec(cdiDir, claims.get(c)))) {
        out.add(claims.get(c).getName());
      }
    }
    return out;
  }

  /** Claims the kubelet holds prepared whose CDI spec is missing (not counting {@code except}). */
  List<String> missingSpecs(int except) {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < claims.size(); c++) {
      if (prepared[c]
          && c != except
          && !java.nio.file.Files.exists(Kubelet.spec(cdiDir, claims.get(c)))) {
        out.add(claims.get(c).getName());
      }
    }
    return out;
  }

  /** Unprepares everything the kubelet holds prepared; the number of failed calls. */
  int unprepareAll(Kubelet kubelet) {
    int failed = 0;
    for (int c = 0; c < claims.size(); c++) {
      if (prepared[c]) {
        Kubelet.Answer a = kubelet.unprepare(claims.get(c));
        if (a.ok()) {
          prepared[c] = false;
        } else {
          failed++;
        }
      }
    }
    return failed;
  }
}
