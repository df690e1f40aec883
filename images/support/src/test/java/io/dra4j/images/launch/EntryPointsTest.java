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
package io.dra4j.images.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryPointsTest {
  private static final List<String> ENTRYPOINT =
      List.of("/opt/java/bin/java", "@/app/jvm.args", "-cp", "@/app/cp", "io.example.Main");

  @TempDir Path rootfs;

  @Test
  void extraJvmFlagsGoBeforeTheClassPathSoTheyFollowTheImageFlags() {
    assertThat(EntryPoints.withJvmFlags(ENTRYPOINT, List.of("-XX:AOTMode=on")))
        .containsExactly(
            "/opt/java/bin/java",
            "@/app/jvm.args",
            "-XX:AOTMode=on",
            "-cp",
            "@/app/cp",
            "io.example.Main");
  }

  @Test
  void withoutAClassPathFlagExtraJvmFlagsFollowTheExecutable() {
    assertThat(
            EntryPoints.withJvmFlags(List.of("/bin/java", "-jar", "/app.jar"), List.of("-Xmx8m")))
        .containsExactly("/bin/java", "-Xmx8m", "-jar", "/app.jar");
  }

  @Test
  void inPlaceExpandsArgumentFilesAndPrefixesPathsThatExistInTheImage() throws Exception {
    write("opt/java/bin/java", "");
    write("app/libs/a.jar", "");
    write("app/aot/driver.aot", "");
    write("app/jvm.args", "-Xmx64m\n-XX:AOTCache=/app/aot/driver.aot\n-Djava.io.tmpdir=/tmp\n\n");
    write("app/cp", "/app/classpath/*:/app/libs/a.jar:/elsewhere/b.jar\n");
    Files.createDirectories(rootfs.resolve("app/classpath"));
    Files.createDirectories(rootfs.resolve("tmp"));
    String r = rootfs.toAbsolutePath().toString();

    assertThat(EntryPoints.inPlace(rootfs, ENTRYPOINT))
        .containsExactly(
            r + "/opt/java/bin/java",
            "-Xmx64m",
            "-XX:AOTCache=" + r + "/app/aot/driver.aot",
            "-Djava.io.tmpdir=/tmp",
            "-cp",
            r + "/app/classpath/*:" + r + "/app/libs/a.jar:/elsewhere/b.jar",
            "io.example.Main");
  }

  @Test
  void inPlaceLeavesArgumentsThatAreNotImagePathsAlone() {
    assertThat(EntryPoints.inPlace(rootfs, List.of("/missing/java", "--node-name=n", "-Xss1m")))
        .containsExactly("/missing/java", "--node-name=n", "-Xss1m");
  }

  private void write(String relative, String content) throws Exception {
    Path p = rootfs.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }
}
