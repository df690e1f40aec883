package ${package};

import io.dra4j.api.HostPaths;
import io.dra4j.api.sysfs.Sysfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds the ${deviceKind} devices of a host: one per directory below {@code /sys/class/${deviceKind}} whose node
 * exists below {@code /dev}. All paths come from {@link HostPaths}, so tests and local runs point
 * it at a fixture tree instead of the real host.
 */
public final class ${className}Discovery {

  /** The sysfs class directory, relative to the sysfs root. */
  public static final String CLASS_DIR = "class/${deviceKind}";

  private ${className}Discovery() {}

  /**
   * The host's devices, sorted by name. A directory without a device node or without a readable
   * {@code memory_mib} is not a usable device and is left out; a missing {@code model} reads as
   * {@code unknown}.
   */
## snippet:discover
  public static List<${className}Device> discover(HostPaths host) {
    List<${className}Device> devices = new ArrayList<>();
    for (Path dir : Sysfs.list(host.sys().resolve(CLASS_DIR))) {
      String name = dir.getFileName().toString();
      OptionalLong memory = Sysfs.readLong(dir.resolve("memory_mib"));
      if (!Files.exists(host.dev().resolve(name)) || memory.isEmpty()) {
        continue;
      }
      String model = Sysfs.read(dir.resolve("model")).orElse("unknown");
      devices.add(new ${className}Device(name, model, memory.getAsLong()));
    }
    return devices;
  }
## end:discover
}
