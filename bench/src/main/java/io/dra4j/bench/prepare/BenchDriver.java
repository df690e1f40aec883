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
package io.dra4j.bench.prepare;

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.HostPaths;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.prepare.PreparedClaim;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.KubernetesConnection;
import io.dra4j.runtime.internal.claims.AllocatedClaim;
import io.dra4j.runtime.internal.claims.ClaimLookup;
import io.dra4j.runtime.internal.claims.DeviceResult;
import io.dra4j.runtime.internal.slices.ResourcePublisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The driver under benchmark: one device, a provider that returns one environment variable, and an
 * in-memory claim lookup that finds every claim allocated to that device. Its {@code main} runs it
 * as a separate process for the start-up and memory measurements.
 */
public final class BenchDriver implements DeviceProvider {
  static final String DRIVER = "bench.dra4j.io";

  @Override
  public String driverName() {
    return DRIVER;
  }

  @Override
  public void start(DriverContext context) {
    context.publish(
        Resources.of(Pool.builder("pool").device(Device.builder("dev-0").build()).build()));
  }

  @Override
  public Preparation prepare(PrepareRequest request) {
    Preparation.Builder out = Preparation.builder();
    for (AllocatedDevice d : request.devices()) {
      out.device(d, ContainerEdits.builder().env("BENCH_DEVICE", d.device()).build());
    }
    return out.build();
  }

  @Override
  public void unprepare(PreparedClaim claim) {}

  /** Every claim is allocated device {@code dev-0} of this driver. */
  static final class AllClaimsAllocated implements ClaimLookup {
    @Override
    public AllocatedClaim lookup(ClaimRef ref) {
      return new AllocatedClaim(
          ref,
          List.of(new DeviceResult(DRIVER, AllocatedDevice.of("gpu", "pool", "dev-0"))),
          List.of(),
          List.of());
    }
  }

  /**
   * The benchmark's Kubernetes: every claim allocated, and what is published is dropped, since the
   * benchmark measures the kubelet path.
   */
  static final class InMemoryKubernetes implements KubernetesConnection {
    @Override
    public ClaimLookup claimLookup() {
      return new AllClaimsAllocated();
    }

    @Override
    public ResourcePublisher publisher() {
      return new ResourcePublisher() {
        @Override
        public void publish(Resources resources) {}

        @Override
        public void close() {}
      };
    }
  }

  /** A runtime for this driver with its directories below {@code root}. */
  static DriverRuntime runtime(Path root, int parallelism) throws IOException {
    Path host = root.resolve("host");
    Files.createDirectories(host.resolve("sys"));
    Files.createDirectories(host.resolve("dev"));
    Path bootId = host.resolve("proc/sys/kernel/random/boot_id");
    Files.createDirectories(bootId.getParent());
    Files.writeString(bootId, "bench-boot\n");
    return DriverRuntime.builder(new BenchDriver())
        .nodeName("bench-node")
        .registrarDir(Files.createDirectories(root.resolve("reg")))
        .pluginsDir(Files.createDirectories(root.resolve("plugins")))
        .cdiDir(Files.createDirectories(root.resolve("cdi")))
        .hostPaths(HostPaths.under(host))
        .kubernetes(new InMemoryKubernetes())
        .prepareParallelism(parallelism)
        .build();
  }

  /** Runs the driver in its own process until SIGTERM; the argument is its root directory. */
  public static void main(String[] args) throws Exception {
    DriverRuntime runtime = runtime(Path.of(args[0]), 4).start();
    Runtime.getRuntime().addShutdownHook(new Thread(runtime::close));
    runtime.awaitTermination();
  }
}
