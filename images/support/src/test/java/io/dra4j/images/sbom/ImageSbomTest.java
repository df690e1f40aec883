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
package io.dra4j.images.sbom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.images.sbom.ImageSbom.Component;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSbomTest {
  private static final String SBOM =
      """
      {"bomFormat":"CycloneDX","specVersion":"1.6",
       "metadata":{"component":{"type":"application","group":"io.dra4j",
         "name":"dra4j-driver-neuron","version":"1.2.3"}},
       "components":[
         {"type":"library","group":"io.grpc","name":"grpc-api","version":"1.85.1"},
         {"type":"library","group":"io.netty","name":"netty-epoll","version":"4.2.0",
          "purl":"pkg:maven/io.netty/netty-epoll@4.2.0?classifier=linux-x86_64&type=jar"}]}
      """;

  @TempDir Path dir;

  @Test
  void readsTheRootAndTheComponents() {
    ImageSbom sbom = ImageSbom.parse(SBOM, "bom.json");

    assertThat(sbom.root())
        .isEqualTo(new Component("io.dra4j", "dra4j-driver-neuron", "1.2.3", ""));
    assertThat(sbom.components())
        .extracting(Component::toString)
        .containsExactly("io.grpc:grpc-api:1.85.1", "io.netty:netty-epoll:4.2.0:linux-x86_64");
    assertThat(sbom.components())
        .extracting(Component::jar)
        .containsExactly("grpc-api-1.85.1.jar", "netty-epoll-4.2.0-linux-x86_64.jar");
  }

  @Test
  void anSbomListingExactlyTheClassPathJarsHasNoMismatch() throws Exception {
    Path rootfs = image(SBOM, "dra4j-driver-neuron-1.2.3.jar", "grpc-api-1.85.1.jar");
    Files.createFile(rootfs.resolve("app/libs/netty-epoll-4.2.0-linux-x86_64.jar"));

    ImageSbom sbom = ImageSbom.read(rootfs);
    List<String> jars = ImageSbom.classPathJars(rootfs);

    assertThat(jars)
        .containsExactly(
            "dra4j-driver-neuron-1.2.3.jar",
            "grpc-api-1.85.1.jar",
            "netty-epoll-4.2.0-linux-x86_64.jar");
    assertThat(sbom.mismatches(jars)).isEmpty();
  }

  @Test
  void namesAJarTheSbomMissesAndAComponentTheImageLacks() {
    ImageSbom sbom = ImageSbom.parse(SBOM, "bom.json");

    assertThat(
            sbom.mismatches(
                List.of(
                    "dra4j-driver-neuron-1.2.3.jar",
                    "grpc-api-1.85.1.jar",
                    "bcprov-jdk18on-1.80.jar")))
        .containsExactly(
            "the image holds bcprov-jdk18on-1.80.jar, which the SBOM does not list",
            "the SBOM lists io.netty:netty-epoll:4.2.0:linux-x86_64, which is not a jar of the"
                + " image's class path");
  }

  @Test
  void anotherVersionIsAMismatchBothWays() {
    ImageSbom sbom = ImageSbom.parse(SBOM, "bom.json");

    assertThat(
            sbom.mismatches(
                List.of(
                    "dra4j-driver-neuron-1.2.3-SNAPSHOT.jar",
                    "grpc-api-1.85.1.jar",
                    "netty-epoll-4.2.0-linux-x86_64.jar")))
        .containsExactly(
            "the image holds dra4j-driver-neuron-1.2.3-SNAPSHOT.jar, which the SBOM does not list",
            "the SBOM lists io.dra4j:dra4j-driver-neuron:1.2.3, which is not a jar of the image's"
                + " class path");
  }

  @Test
  void readsTheClassifierOfAPackageUrl() {
    assertThat(ImageSbom.classifier("pkg:maven/g/n@1?type=jar")).isEmpty();
    assertThat(ImageSbom.classifier("pkg:maven/g/n@1")).isEmpty();
    assertThat(ImageSbom.classifier("pkg:maven/g/n@1?classifier=linux%2Dx86_64&type=jar"))
        .isEqualTo("linux-x86_64");
    assertThat(ImageSbom.classifier("pkg:maven/g/n@1?type=jar&classifier=a#sub/path"))
        .isEqualTo("a");
  }

  @Test
  void anImageWithoutSbomIsRefusedNamingWhereItBelongs() throws Exception {
    Path rootfs = dir.resolve("rootfs");
    Files.createDirectories(rootfs.resolve("app/libs"));

    assertThatThrownBy(() -> ImageSbom.read(rootfs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no SBOM at /sbom/bom.json")
        .hasMessageContaining("image-sbom");
  }

  @Test
  void refusesWhatIsNotACycloneDxSbom() {
    assertThatThrownBy(() -> ImageSbom.parse("[1]", "bom.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bom.json is not a JSON object");
    assertThatThrownBy(() -> ImageSbom.parse("{\"bomFormat\":\"SPDX\"}", "bom.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bomFormat is 'SPDX', expected 'CycloneDX'");
    assertThatThrownBy(() -> ImageSbom.parse("{\"bomFormat\":\"CycloneDX\"}", "bom.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no metadata.component");
    assertThatThrownBy(
            () ->
                ImageSbom.parse(
                    SBOM.replace("\"version\":\"1.85.1\"", "\"version\":\"\""), "bom.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("component without name or version")
        .hasMessageContaining("grpc-api");
  }

  private Path image(String sbom, String driverJar, String libJar) throws Exception {
    Path rootfs = dir.resolve("rootfs");
    Files.createDirectories(rootfs.resolve("sbom"));
    Files.writeString(rootfs.resolve("sbom/bom.json"), sbom);
    Files.createDirectories(rootfs.resolve("app/classpath"));
    Files.createFile(rootfs.resolve("app/classpath/" + driverJar));
    Files.createDirectories(rootfs.resolve("app/libs"));
    Files.createFile(rootfs.resolve("app/libs/" + libJar));
    Files.writeString(rootfs.resolve("app/libs/not-a-jar.txt"), "ignored");
    return rootfs;
  }
}
