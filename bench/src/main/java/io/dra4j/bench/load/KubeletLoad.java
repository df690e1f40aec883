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
package io.dra4j.bench.load;

import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.runtime.internal.proto.dra.v1.DRAPluginGrpc;
import io.dra4j.runtime.internal.proto.dra.v1.Device;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourceResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesRequest;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourcesRequest;
import io.dra4j.runtime.internal.proto.registration.InfoRequest;
import io.dra4j.runtime.internal.proto.registration.PluginInfo;
import io.dra4j.runtime.internal.proto.registration.RegistrationGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Plays the kubelet against one driver over its unix sockets: GetInfo on the registration socket,
 * then NodePrepareResources / NodeUnprepareResources for one claim per call on the service socket.
 * Call {@code i} uses claim {@code claims.apply(i)}; concurrent callers use disjoint indexes.
 */
public final class KubeletLoad implements AutoCloseable {
  private static final long DEADLINE_SECONDS = 45;

  private final ManagedChannel channel;
  private final IntFunction<Claim> claims;

  private KubeletLoad(ManagedChannel channel, IntFunction<Claim> claims) {
    this.channel = channel;
    this.claims = claims;
  }

  /**
   * Opens the service socket. Caller {@code c} of {@code n} uses the indexes {@code c, c + n, c +
   * 2n, ...}, so a list of claims whose size is a multiple of {@code n}, indexed modulo its size,
   * gives every caller its own claims.
   */
  public static KubeletLoad connect(Path serviceSocket, IntFunction<Claim> claims) {
    return new KubeletLoad(channel(serviceSocket), claims);
  }

  /** GetInfo on the registration socket, as the plugin watcher does; empty while it fails. */
  public static Optional<PluginInfo> getInfo(Path registrationSocket) {
    ManagedChannel ch = channel(registrationSocket);
    try {
      return Optional.of(
          RegistrationGrpc.newBlockingStub(ch)
              .withDeadlineAfter(1, TimeUnit.SECONDS)
              .getInfo(InfoRequest.getDefaultInstance()));
    } catch (StatusRuntimeException e) {
      return Optional.empty();
    } finally {
      ch.shutdownNow();
    }
  }

  private static ManagedChannel channel(Path socket) {
    return Grpc.newChannelBuilder("unix://" + socket, InsecureChannelCredentials.create()).build();
  }

  /** Prepares one claim and returns its devices; throws when the driver reports an error. */
  public List<Device> prepare(Claim claim) {
    return prepare(DRAPluginGrpc.newBlockingStub(channel), claim);
  }

  /** Unprepares one claim; throws when the driver reports an error. */
  public void unprepare(Claim claim) {
    unprepare(DRAPluginGrpc.newBlockingStub(channel), claim);
  }

  /**
   * Prepare latencies in nanoseconds, sorted, for {@code iterations} calls; each claim is
   * unprepared after its prepare was timed.
   */
  public long[] prepareLatencies(int iterations) {
    DRAPluginGrpc.DRAPluginBlockingStub stub = DRAPluginGrpc.newBlockingStub(channel);
    long[] nanos = new long[iterations];
    for (int i = 0; i < iterations; i++) {
      Claim claim = claims.apply(i);
      long start = System.nanoTime();
      prepare(stub, claim);
      nanos[i] = System.nanoTime() - start;
      unprepare(stub, claim);
    }
    Arrays.sort(nanos);
    return nanos;
  }

  /**
   * Claims per second, each prepared and then unprepared, by {@code callers} for {@code seconds}.
   */
  public double throughput(int callers, int seconds) throws InterruptedException {
    return throughput(callers, seconds, () -> 0, new AtomicLong());
  }

  /**
   * Claims per second, each prepared and then unprepared, by {@code callers} concurrent callers for
   * {@code seconds}. {@code sample} is called every 100 ms while they run; its largest value is
   * stored in {@code peak}.
   */
  public double throughput(int callers, int seconds, LongSupplier sample, AtomicLong peak)
      throws InterruptedException {
    AtomicLong done = new AtomicLong();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    CountDownLatch finished = new CountDownLatch(callers);
    long start = System.nanoTime();
    long until = start + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < callers; c++) {
      int caller = c;
      Thread t =
          new Thread(
              () -> {
                DRAPluginGrpc.DRAPluginBlockingStub stub = DRAPluginGrpc.newBlockingStub(channel);
                try {
                  for (int i = caller; System.nanoTime() < until; i += callers) {
                    Claim claim = claims.apply(i);
                    prepare(stub, claim);
                    unprepare(stub, claim);
                    done.incrementAndGet();
                  }
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e);
                } finally {
                  finished.countDown();
                }
              },
              "kubelet-caller-" + c);
      threads.add(t);
      t.start();
    }
    while (!finished.await(100, TimeUnit.MILLISECONDS)) {
      peak.accumulateAndGet(sample.getAsLong(), Math::max);
    }
    double rate = done.get() / ((System.nanoTime() - start) / 1e9);
    if (failure.get() != null) {
      throw failure.get();
    }
    return rate;
  }

  private static List<Device> prepare(DRAPluginGrpc.DRAPluginBlockingStub stub, Claim claim) {
    NodePrepareResourceResponse r =
        stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
            .nodePrepareResources(NodePrepareResourcesRequest.newBuilder().addClaims(claim).build())
            .getClaimsOrThrow(claim.getUid());
    check("prepare", claim, r.getError());
    return r.getDevicesList();
  }

  private static void unprepare(DRAPluginGrpc.DRAPluginBlockingStub stub, Claim claim) {
    check(
        "unprepare",
        claim,
        stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
            .nodeUnprepareResources(
                NodeUnprepareResourcesRequest.newBuilder().addClaims(claim).build())
            .getClaimsOrThrow(claim.getUid())
            .getError());
  }

  private static void check(String what, Claim claim, String error) {
    if (!error.isEmpty()) {
      throw new IllegalStateException(
          what + " of claim " + claim.getNamespace() + "/" + claim.getName() + " failed: " + error);
    }
  }

  /** The {@code p}-th percentile of sorted values (nearest rank). */
  public static long percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
