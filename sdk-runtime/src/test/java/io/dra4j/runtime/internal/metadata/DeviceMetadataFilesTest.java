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
package io.dra4j.runtime.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.slices.PublishedDevices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeviceMetadataFilesTest {
  private static final String DRIVER = "gpu.example.com";
  private final Path root = tempDir();
  private final Path cdi = root.resolve("cdi");
  private final PublishedDevices published = new PublishedDevices();
  private final MetadataLayout layout = new MetadataLayout(DRIVER, root.resolve("plugin"), cdi);
  private final DeviceMetadataFiles files =
      new DeviceMetadataFiles(DRIVER, layout, published, true);
  private final ClaimRef claim = new ClaimRef("ns", "train", "uid-1");

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("dra4j-metadata-");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private void publish() {
    published.record(
        Resources.of(
            Pool.builder("pool-a")
                .device(Device.builder("dev-0").attribute("index", 0).build())
                .device(Device.builder("dev-1").attribute("index", 1).build())
                .build()));
  }

  @Test
  void eachRequestGetsOneFileWithItsDevicesAndOneSpec() throws Exception {
    Files.createDirectories(cdi);
    publish();

    Map<String, String> ids =
        files.write(
            claim,
            Optional.empty(),
            List.of(
                AllocatedDevice.of("a", "pool-a", "dev-0"),
                AllocatedDevice.of("b/small", "pool-a", "dev-1")));

    assertThat(ids)
        .containsExactly(
            Map.entry("a", DRIVER + "/metadata=uid-1_a"),
            Map.entry("b", DRIVER + "/metadata=uid-1_b"));
    String b = Files.readString(layout.hostFile("uid-1", "b"));
    assertThat(b).contains("\"name\": \"b/small\"").contains("\"int\": 1").doesNotContain("dev-0");
    assertThat(Files.getPosixFilePermissions(layout.hostFile("uid-1", "b")))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(Files.readString(layout.specFile("uid-1", "a")))
        .contains(layout.hostFile("uid-1", "a").toString())
        .contains("/resourceclaims/train/a/gpu.example.com-metadata.json");
    try (Stream<Path> tmp = Files.walk(root)) {
      assertThat(tmp.filter(p -> p.toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void aDeviceTheDriverDidNotPublishIsListedWithoutAttributes() throws Exception {
    Files.createDirectories(cdi);

    files.write(claim, Optional.empty(), List.of(AllocatedDevice.of("a", "pool-z", "gone")));

    assertThat(Files.readString(layout.hostFile("uid-1", "a")))
        .contains("\"name\": \"gone\"")
        .doesNotContain("attributes");
  }

  @Test
  void rewritingUnchangedContentLeavesTheFilesAlone() throws Exception {
    Files.createDirectories(cdi);
    publish();
    List<AllocatedDevice> devices = List.of(AllocatedDevice.of("a", "pool-a", "dev-0"));
    files.write(claim, Optional.empty(), devices);
    Path host = layout.hostFile("uid-1", "a");
    FileTime old = FileTime.fromMillis(1_000);
    Files.setLastModifiedTime(host, old);
    Files.setLastModifiedTime(layout.specFile("uid-1", "a"), old);

    files.write(claim, Optional.empty(), devices);

    assertThat(Files.getLastModifiedTime(host)).isEqualTo(old);
    assertThat(Files.getLastModifiedTime(layout.specFile("uid-1", "a"))).isEqualTo(old);
  }

  @Test
  void newlyPublishedAttributesReachTheFileOnTheNextWrite() throws Exception {
    Files.createDirectories(cdi);
    List<AllocatedDevice> devices = List.of(AllocatedDevice.of("a", "pool-a", "dev-0"));
    files.write(claim, Optional.empty(), devices);
    publish();

    files.write(claim, Optional.empty(), devices);

    assertThat(Files.readString(layout.hostFile("uid-1", "a"))).contains("\"index\"");
  }

  @Test
  void theRecordedPodClaimNameIsReadBack() throws Exception {
    Files.createDirectories(cdi);
    assertThat(files.hasFiles(claim)).isFalse();

    files.write(claim, Optional.of("accel"), List.of(AllocatedDevice.of("a", "pool-a", "dev-0")));

    assertThat(files.hasFiles(claim)).isTrue();
    assertThat(files.recordedPodClaimName(claim)).contains("accel");
    assertThat(Files.readString(layout.specFile("uid-1", "a")))
        .contains("/resourceclaimtemplates/accel/a/");
  }

  @Test
  void anUnreadableRecordGivesNoPodClaimName() throws Exception {
    Files.createDirectories(layout.hostFile("uid-1", "a").getParent());
    Files.writeString(layout.hostFile("uid-1", "a"), "not json {");

    assertThat(files.recordedPodClaimName(claim)).isEmpty();
  }

  @Test
  void removeDeletesOnlyThisClaimsFiles() throws Exception {
    Files.createDirectories(cdi);
    files.write(claim, Optional.empty(), List.of(AllocatedDevice.of("a", "pool-a", "dev-0")));
    ClaimRef other = new ClaimRef("ns", "other", "uid-10");
    files.write(other, Optional.empty(), List.of(AllocatedDevice.of("a", "pool-a", "dev-1")));
    Path foreign = Files.writeString(cdi.resolve("k8s." + DRIVER + "-claim_uid-1.json"), "{}");

    files.remove("uid-1");

    assertThat(layout.specFile("uid-1", "a")).doesNotExist();
    assertThat(layout.claimDir("uid-1")).doesNotExist();
    assertThat(layout.specFile("uid-10", "a")).exists();
    assertThat(layout.hostFile("uid-10", "a")).exists();
    assertThat(foreign).as("the claim's own CDI spec is not metadata").exists();
  }

  @Test
  void removeOfAnUnknownClaimOrAMissingCdiDirectoryIsFine() throws Exception {
    files.remove("uid-unknown");

    assertThat(cdi).doesNotExist();
  }

  @Test
  void aBadRequestNameWritesNothing() throws Exception {
    Files.createDirectories(cdi);

    assertThatThrownBy(
            () ->
                files.write(
                    claim,
                    Optional.empty(),
                    List.of(
                        AllocatedDevice.of("ok", "pool-a", "dev-0"),
                        AllocatedDevice.of("../../x", "pool-a", "dev-1"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("request name '..'");
    try (Stream<Path> all = Files.walk(root)) {
      assertThat(all.filter(Files::isRegularFile)).isEmpty();
    }
  }

  @Test
  void aBadClaimNameWritesNothing() throws Exception {
    Files.createDirectories(cdi);

    assertThatThrownBy(
            () ->
                files.write(
                    new ClaimRef("ns", "../../etc", "uid-1"),
                    Optional.empty(),
                    List.of(AllocatedDevice.of("a", "pool-a", "dev-0"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("claim name");
    assertThat(layout.hostRoot()).doesNotExist();
  }
}
