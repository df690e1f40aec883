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
package io.dra4j.images.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dra4j.images.launch.ImageTrial;
import io.dra4j.images.launch.ImageTrial.TrialResult;
import io.dra4j.images.launch.Isolation;
import io.dra4j.images.sbom.ImageSbom;
import io.dra4j.images.tarball.ImageTarball;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every driver image must do, for a driver module's {@code *ImageIT} to inherit: the image
 * tarball named by the system property {@value #IMAGE_PROPERTY} (set by the image profile) is
 * unpacked and its entry point run on a simulated trn2.48xlarge node, in a read-only chroot as the
 * image's user when the test runs as root, with its AOT cache required when it has one. The driver
 * must register with the kubelet, publish every device of the node, run as the image's non-root
 * user, and remove its registration socket on SIGTERM. The image must also carry the SBOM of
 * exactly its class path, at its own version.
 */
public abstract class DriverImageContract {
  /** The system property naming the image tarball. */
  public static final String IMAGE_PROPERTY = "dra4j.image.tar";

  private static final String VERSION_LABEL = "org.opencontainers.image.version";

  @TempDir Path dir;

  /** The driver name the image must register. */
  protected abstract String driverName();

  /** How many devices the driver must publish on a trn2.48xlarge node. */
  protected abstract int devicesOnTrn2();

  // On the method: JUnit does not inherit class-level conditions.
  @Test
  @EnabledIfSystemProperty(named = IMAGE_PROPERTY, matches = ".+")
  void imageRegistersWithTheKubeletAndPublishesEveryDeviceOfTheNode() {
    ImageTarball image = image();
    Path rootfs = image.unpack(dir.resolve("rootfs"));
    Isolation isolation = Isolation.best();

    TrialResult run =
        ImageTrial.builder(rootfs, image.config(), dir)
            .isolation(isolation)
            .requireAotCacheWhenPresent()
            .run();

    assertEquals("DRAPlugin", run.plugin().type(), "plugin type");
    assertEquals(driverName(), run.plugin().name(), "driver name");
    assertFalse(run.plugin().supportedVersions().isEmpty(), "supported versions");
    assertEquals(devicesOnTrn2(), run.devices(), "published devices");
    assertTrue(run.exitCode() == 0 || run.exitCode() == 143, "exit code after SIGTERM");
    assertEquals(0, run.registrySocketsAfterStop(), "registration sockets left after stop");
    if (isolation == Isolation.CHROOT) {
      assertNotEquals(0, image.config().uid(), "the image's default user is not root");
      assertEquals(OptionalLong.of(image.config().uid()), run.uid(), "uid of the driver");
    }
  }

  @Test
  @EnabledIfSystemProperty(named = IMAGE_PROPERTY, matches = ".+")
  void imageCarriesTheSbomOfExactlyItsClassPath() {
    ImageTarball image = image();
    Path rootfs = image.unpack(dir.resolve("rootfs"));

    ImageSbom sbom = ImageSbom.read(rootfs);

    assertEquals(
        List.of(),
        sbom.mismatches(ImageSbom.classPathJars(rootfs)),
        "the SBOM at " + ImageSbom.PATH_IN_IMAGE + " against the image's jars");
    assertEquals(
        image.config().labels().get(VERSION_LABEL),
        sbom.root().version(),
        "the SBOM's version against the image's " + VERSION_LABEL + " label");
  }

  private ImageTarball image() {
    return ImageTarball.open(Path.of(System.getProperty(IMAGE_PROPERTY)), dir.resolve("oci"));
  }
}
