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
package io.dra4j.examples.gpusharing;

import com.google.auto.service.AutoService;
import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.config.ConfigKind;
import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.CapacityRequestPolicy;
import io.dra4j.api.device.Counter;
import io.dra4j.api.device.CounterConsumption;
import io.dra4j.api.device.CounterSet;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.device.Resources;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.prepare.PreparedClaim;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A GPU-style driver: whole GPUs and half-GPU partitions that share each GPU's memory and compute
 * counters (so a partition and its parent can never be allocated together), memory-sliced shared
 * GPUs that many claims allocate at once, each consuming a slice of memory (consumable capacity),
 * plus an opaque {@link GpuConfig} whose sharing strategy becomes container environment.
 *
 * <p>Devices are simulated; set {@code gpus} (default 2) and {@code sharedGpus} (default 1) to
 * change how many GPUs of each kind a node has.
 */
@AutoService(DeviceProvider.class)
public final class GpuSharingDriver implements DeviceProvider {

  /** The driver name and the domain of its attributes. */
  public static final String DRIVER = "gpu.example.com";

  static final Quantity GPU_MEMORY = Quantity.parse("40Gi");
  static final int COMPUTE_SLICES = 8;
  static final Quantity MEMORY_SLICE = Quantity.parse("4Gi");

  @Override
  public String driverName() {
    return DRIVER;
  }

  @Override
  public List<ConfigKind<?>> configKinds() {
    return List.of(ConfigKind.of(DRIVER + "/v1", "GpuConfig", GpuConfig.class));
  }

  @Override
  public void start(DriverContext context) {
    int gpus = Integer.parseInt(context.settings().getOrDefault("gpus", "2"));
    Pool.Builder pool = Pool.builder(context.nodeName());
    for (int g = 0; g < gpus; g++) {
      String counters = "gpu-" + g + "-counters";
      pool.counterSet(
          new CounterSet(
              counters,
              Map.of(
                  "memory", new Counter(GPU_MEMORY),
                  "compute", new Counter(Quantity.of(COMPUTE_SLICES)))));
      pool.device(gpu(g, counters));
      for (int p = 0; p < 2; p++) {
        pool.device(partition(g, p, counters));
      }
    }
    int shared = Integer.parseInt(context.settings().getOrDefault("sharedGpus", "1"));
    for (int g = 0; g < shared; g++) {
      pool.device(sharedGpu(g));
    }
    context.publish(Resources.of(pool.build()));
  }

  // snippet:memory-slices
  /**
   * A GPU that several claims allocate at once. Each claim consumes a slice of its memory: what it
   * asks for, rounded up to whole 4Gi slices, or one slice when it asks for nothing; the scheduler
   * never hands out more than the 40Gi the GPU has.
   */
  public static Device sharedGpu(int index) {
    return Device.builder("shared-gpu-" + index)
        .attribute("type", "shared")
        .attribute("index", index)
        .attribute("model", "Example-A100")
        .allowMultipleAllocations(true)
        .capacity(
            "memory",
            GPU_MEMORY,
            CapacityRequestPolicy.range(MEMORY_SLICE, MEMORY_SLICE, GPU_MEMORY, MEMORY_SLICE))
        .build();
  }

  // end:memory-slices

  private static Device gpu(int index, String counters) {
    return Device.builder("gpu-" + index)
        .attribute("type", "gpu")
        .attribute("index", index)
        .attribute("model", "Example-A100")
        .attribute("driverVersion", AttributeValue.version("550.54.15"))
        .capacity("memory", GPU_MEMORY)
        .consumes(
            new CounterConsumption(
                counters,
                Map.of(
                    "memory", new Counter(GPU_MEMORY),
                    "compute", new Counter(Quantity.of(COMPUTE_SLICES)))))
        .build();
  }

  private static Device partition(int gpu, int part, String counters) {
    Quantity half = Quantity.parse("20Gi");
    return Device.builder("gpu-" + gpu + "-half-" + part)
        .attribute("type", "partition")
        .attribute("index", gpu)
        .attribute("parent", "gpu-" + gpu)
        .attribute("model", "Example-A100")
        .capacity("memory", half)
        .consumes(
            new CounterConsumption(
                counters,
                Map.of(
                    "memory", new Counter(half),
                    "compute", new Counter(Quantity.of(COMPUTE_SLICES / 2)))))
        .build();
  }

  @Override
  public Preparation prepare(PrepareRequest request) throws PrepareException {
    Preparation.Builder result = Preparation.builder();
    for (AllocatedDevice device : request.devices()) {
      GpuConfig config = request.config(GpuConfig.class, device).orElse(GpuConfig.exclusive());
      result.device(device, edits(device, config));
    }
    return result.build();
  }

  // snippet:sharing-edits
  static ContainerEdits edits(AllocatedDevice device, GpuConfig config) {
    String gpu = device.device().replaceAll("-half-\\d+$", "");
    ContainerEdits.Builder edits =
        ContainerEdits.builder()
            .deviceNode("/dev/example-" + gpu.replace("-", ""))
            .env(envName(device, "DEVICE"), device.device())
            .env(envName(device, "SHARING_STRATEGY"), config.strategy().name());
    // A slice of a shared GPU: the memory the scheduler granted and the share it belongs to.
    Quantity memory = device.consumedCapacity().get(QualifiedName.of("memory"));
    if (memory != null) {
      edits.env(envName(device, "MEMORY_LIMIT"), memory.toString());
    }
    device.shareId().ifPresent(id -> edits.env(envName(device, "SHARE_ID"), id));
    config
        .sharing()
        .flatMap(GpuConfig.Sharing::timeSlicing)
        .ifPresent(t -> edits.env(envName(device, "TIMESLICE_INTERVAL"), t.interval().name()));
    config
        .sharing()
        .flatMap(GpuConfig.Sharing::mps)
        .ifPresent(
            mps -> {
              edits.env("CUDA_MPS_PIPE_DIRECTORY", "/tmp/example-mps/" + gpu);
              mps.defaultActiveThreadPercentage()
                  .ifPresent(p -> edits.env("CUDA_MPS_ACTIVE_THREAD_PERCENTAGE", p.toString()));
              mps.defaultPinnedDeviceMemoryLimit()
                  .ifPresent(m -> edits.env("CUDA_MPS_PINNED_DEVICE_MEM_LIMIT", m.toString()));
            });
    return edits.build();
  }

  // end:sharing-edits

  private static String envName(AllocatedDevice device, String suffix) {
    return "GPU_" + device.device().toUpperCase(Locale.ROOT).replace('-', '_') + "_" + suffix;
  }

  @Override
  public void unprepare(PreparedClaim claim) {
    // Simulated devices hold no host state between prepare and unprepare.
  }
}
