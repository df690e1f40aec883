package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.api.HostPaths;
import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.device.Quantity;
import io.dra4j.testkit.fixtures.HostTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery alone, on the fixture tree and on trees written by the test. */
class ${className}DiscoveryTest {

  @TempDir Path tmp;

  @Test
  void findsTheDevicesThatHaveADeviceNode() {
    HostPaths host = HostTree.resource(getClass().getClassLoader(), "fixtures/node").copyTo(tmp);

    assertThat(${className}Discovery.discover(host))
        .containsExactly(
            new ${className}Device("${deviceKind}0", "Model A", 16384),
            new ${className}Device("${deviceKind}1", "Model A", 16384));
  }

  @Test
  void deviceWithoutReadableMemoryIsLeftOutAndMissingModelReadsAsUnknown() throws IOException {
    HostPaths host = HostPaths.under(tmp);
    Path classDir = host.sys().resolve(${className}Discovery.CLASS_DIR);
    Files.createDirectories(classDir.resolve("${deviceKind}0"));
    Files.createDirectories(classDir.resolve("${deviceKind}1"));
    Files.writeString(classDir.resolve("${deviceKind}1/memory_mib"), "not a number");
    Files.createDirectories(host.dev());
    Files.writeString(host.dev().resolve("${deviceKind}0"), "");
    Files.writeString(host.dev().resolve("${deviceKind}1"), "");
    Files.writeString(classDir.resolve("${deviceKind}0/memory_mib"), "1024\n");

    assertThat(${className}Discovery.discover(host))
        .containsExactly(new ${className}Device("${deviceKind}0", "unknown", 1024));
  }

  @Test
  void hostWithoutTheClassDirectoryHasNoDevices() {
    assertThat(${className}Discovery.discover(HostPaths.under(tmp))).isEmpty();
  }

  @Test
  void publishedDeviceCarriesModelAndMemory() {
    Device device = new ${className}Device("${deviceKind}0", "Model A", 2).toDevice();

    assertThat(device.name()).isEqualTo("${deviceKind}0");
    assertThat(device.attributes())
        .containsEntry(QualifiedName.of("model"), AttributeValue.of("Model A"));
    assertThat(device.capacity())
        .containsEntry(QualifiedName.of("memory"), Quantity.ofBytes(2L * 1024 * 1024));
  }
}
