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
package io.dra4j.images.tarball;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageTarballTest {
  @TempDir Path dir;

  @Test
  void readsTheConfigurationAndUnpacksLayersInOrderKeepingModesAndLinks() throws Exception {
    Path base = dir.resolve("l1");
    write(base.resolve("opt/java/bin/java"), "#!/bin/sh\n", "rwxr-xr-x");
    write(base.resolve("etc/motd"), "base\n", "rw-r--r--");
    Files.createDirectories(base.resolve("lib64"));
    Files.createSymbolicLink(base.resolve("lib64/ld.so"), Path.of("/opt/java/bin/java"));
    Path app = dir.resolve("l2");
    write(app.resolve("etc/motd"), "app\n", "rw-r--r--");
    Path tar =
        ociTarball(
            List.of(base, app),
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"User\":\"65532:65533\","
                + "\"Env\":[\"PATH=/opt/java/bin\",\"LANG=C.UTF-8\"],"
                + "\"Entrypoint\":[\"/opt/java/bin/java\",\"-version\"],"
                + "\"Labels\":{\"org.opencontainers.image.title\":\"t\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:a\",\"sha256:b\"]}}");

    ImageTarball image = ImageTarball.open(tar, dir.resolve("work"));
    Path rootfs = image.unpack(dir.resolve("rootfs"));

    ImageConfig config = image.config();
    assertThat(config.entrypoint()).containsExactly("/opt/java/bin/java", "-version");
    assertThat(config.envMap()).containsEntry("LANG", "C.UTF-8");
    assertThat(config.uid()).isEqualTo(65532);
    assertThat(config.gid()).isEqualTo(65533);
    assertThat(config.diffIds()).containsExactly("sha256:a", "sha256:b");
    assertThat(config.labels()).containsEntry("org.opencontainers.image.title", "t");
    assertThat(image.layers()).hasSize(2);
    assertThat(image.compressedSize())
        .isGreaterThan(image.layers().get(0).size() + image.layers().get(1).size());
    assertThat(image.manifestDigest()).startsWith("sha256:");
    assertThat(Files.readString(rootfs.resolve("etc/motd"))).isEqualTo("app\n");
    assertThat(Files.isExecutable(rootfs.resolve("opt/java/bin/java"))).isTrue();
    assertThat(Files.readSymbolicLink(rootfs.resolve("lib64/ld.so")))
        .isEqualTo(Path.of("/opt/java/bin/java"));
  }

  @Test
  void aDockerSaveTarballIsRejectedWithTheFix() throws Exception {
    Path src = dir.resolve("docker");
    write(src.resolve("manifest.json"), "[]", "rw-r--r--");
    Path tar = dir.resolve("docker.tar");
    run("tar", "-cf", tar.toString(), "-C", src.toString(), ".");

    assertThatThrownBy(() -> ImageTarball.open(tar, dir.resolve("work")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an OCI image layout")
        .hasMessageContaining("<format>OCI</format>");
  }

  @Test
  void aMissingTarballNamesTheProfileThatBuildsIt() {
    assertThatThrownBy(() -> ImageTarball.open(dir.resolve("none.tar"), dir.resolve("work")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("none.tar")
        .hasMessageContaining("-Pimage");
  }

  @Test
  void layersWithWhiteoutsAreRefusedRatherThanUnpackedWrongly() throws Exception {
    Path layer = dir.resolve("l1");
    write(layer.resolve("etc/.wh.motd"), "", "rw-r--r--");
    Path tar =
        ociTarball(
            List.of(layer),
            "{\"config\":{},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:a\"]}}");
    ImageTarball image = ImageTarball.open(tar, dir.resolve("work"));

    assertThatThrownBy(() -> image.unpack(dir.resolve("rootfs")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("whiteout");
  }

  /** Writes an OCI layout tarball with one gzipped layer per directory. */
  private Path ociTarball(List<Path> layerDirs, String config) throws Exception {
    Path oci = dir.resolve("oci");
    Path blobs = Files.createDirectories(oci.resolve("blobs/sha256"));
    List<String> layers = new ArrayList<>();
    for (Path d : layerDirs) {
      Path gz = dir.resolve(d.getFileName() + ".tar.gz");
      run("tar", "-czf", gz.toString(), "-C", d.toString(), ".");
      layers.add(ref("application/vnd.oci.image.layer.v1.tar+gzip", blobs, Files.readAllBytes(gz)));
    }
    String manifest =
        "{\"schemaVersion\":2,\"config\":"
            + ref(
                "application/vnd.oci.image.config.v1+json",
                blobs,
                config.getBytes(StandardCharsets.UTF_8))
            + ",\"layers\":["
            + String.join(",", layers)
            + "]}";
    String index =
        "{\"schemaVersion\":2,\"manifests\":["
            + ref(
                "application/vnd.oci.image.manifest.v1+json",
                blobs,
                manifest.getBytes(StandardCharsets.UTF_8))
            + "]}";
    Files.writeString(oci.resolve("index.json"), index);
    Files.writeString(oci.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Path tar = dir.resolve("image.tar");
    run("tar", "-cf", tar.toString(), "-C", oci.toString(), ".");
    return tar;
  }

  /** Stores {@code content} as a blob and returns its OCI descriptor. */
  private static String ref(String mediaType, Path blobs, byte[] content) throws Exception {
    String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    Files.write(blobs.resolve(hex), content);
    return "{\"mediaType\":\""
        + mediaType
        + "\",\"digest\":\"sha256:"
        + hex
        + "\",\"size\":"
        + content.length
        + "}";
  }

  private static void write(Path file, String content, String mode) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }
}
