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
package io.dra4j.api.sysfs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void readTrimsAndTreatsMissingOrBlankFilesAsEmpty() throws IOException {
    assertThat(Sysfs.read(file("state", "4: ACTIVE\n"))).contains("4: ACTIVE");
    assertThat(Sysfs.read(file("blank", " \n"))).isEmpty();
    assertThat(Sysfs.read(dir.resolve("missing"))).isEmpty();
    assertThat(Sysfs.read(dir)).as("a directory").isEmpty();
  }

  @Test
  void readLongAcceptsDecimalAndHexadecimalOnly() throws IOException {
    assertThat(Sysfs.readLong(file("dec", "42\n"))).hasValue(42);
    assertThat(Sysfs.readLong(file("hex", "0x1d0f\n"))).hasValue(0x1d0f);
    assertThat(Sysfs.readLong(file("upper", "0X1F"))).hasValue(31);
    assertThat(Sysfs.readLong(file("text", "n/a"))).isEmpty();
    assertThat(Sysfs.readLong(dir.resolve("missing"))).isEmpty();
  }

  @Test
  void linkTargetNameIsTheLastElementOfTheTarget() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("driver"), Path.of("../../bus/pci/efa"));
    assertThat(Sysfs.linkTargetName(link)).contains("efa");
    assertThat(Sysfs.linkTargetName(file("plain", "x"))).as("not a link").isEmpty();
    assertThat(Sysfs.linkTargetName(dir.resolve("missing"))).isEmpty();
  }

  @Test
  void realPathResolvesLinksAndIsEmptyForMissingPaths() throws IOException {
    Path target = Files.createDirectory(dir.resolve("target"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    assertThat(Sysfs.realPath(link)).contains(target.toRealPath());
    assertThat(Sysfs.realPath(dir.resolve("missing"))).isEmpty();
  }

  @Test
  void listIsSortedByNameAndEmptyForMissingDirectories() throws IOException {
    file("b", "");
    file("a", "");
    assertThat(Sysfs.list(dir)).containsExactly(dir.resolve("a"), dir.resolve("b"));
    assertThat(Sysfs.list(dir.resolve("missing"))).isEmpty();
    assertThat(Sysfs.list(dir.resolve("a"))).as("a file").isEmpty();
  }
}
