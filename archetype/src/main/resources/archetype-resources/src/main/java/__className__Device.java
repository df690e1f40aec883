package ${package};

import io.dra4j.api.device.Device;
import io.dra4j.api.device.Quantity;
import java.util.Objects;

/**
 * One ${deviceKind} device as the host shows it.
 *
 * @param name the device name, such as {@code ${deviceKind}0}: its sysfs directory and its node below
 *     {@code /dev}
 * @param model the model, from the sysfs file {@code model}
 * @param memoryMiB the device memory in MiB, from the sysfs file {@code memory_mib}
 */
public record ${className}Device(String name, String model, long memoryMiB) {

  /** Checks the components. */
  public ${className}Device {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(model, "model");
    if (memoryMiB < 0) {
      throw new IllegalArgumentException(
          "device " + name + ": memoryMiB is " + memoryMiB + ", must be 0 or more");
    }
  }

  /** The device as the driver publishes it: attribute {@code model}, capacity {@code memory}. */
  public Device toDevice() {
    return Device.builder(name)
        .attribute("model", model)
        .capacity("memory", Quantity.ofBytes(memoryMiB * 1024 * 1024))
        .build();
  }
}
