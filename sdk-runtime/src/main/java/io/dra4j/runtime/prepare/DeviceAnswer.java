package io.dra4j.runtime.prepare;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One prepared device in a prepare response, independent of the API version.
 *
 * @param requestNames the base request names the device serves (without {@code /subrequest})
 * @param pool the pool name
 * @param device the device name
 * @param cdiDeviceIds fully qualified CDI device IDs for the container runtime
 * @param shareId the share ID of a device with multiple allocations
 */
public record DeviceAnswer(
    List<String> requestNames,
    String pool,
    String device,
    List<String> cdiDeviceIds,
    Optional<String> shareId) {
  public DeviceAnswer {
    requestNames = List.copyOf(requestNames);
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(device, "device");
    cdiDeviceIds = List.copyOf(cdiDeviceIds);
    Objects.requireNonNull(shareId, "shareId");
  }
}
