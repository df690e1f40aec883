package io.dra4j.runtime.claims;

import io.dra4j.api.prepare.AllocatedDevice;
import java.util.Objects;

/**
 * One entry of a claim's allocation result.
 *
 * @param driver the driver that owns the device
 * @param device request, pool, device and sharing details
 */
public record DeviceResult(String driver, AllocatedDevice device) {
  public DeviceResult {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(device, "device");
  }
}
