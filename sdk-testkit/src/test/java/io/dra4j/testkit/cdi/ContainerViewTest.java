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
package io.dra4j.testkit.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.prepare.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerViewTest {
  private static ContainerView with(Mount... mounts) {
    return new ContainerView(List.of(), Map.of(), List.of(), List.of(mounts), List.of());
  }

  @Test
  void aFileMountShowsItsHostFileAndADirectoryMountTheFilesBelowIt() {
    ContainerView view =
        with(
            Mount.bindReadOnly("/host/meta.json", "/run/a/meta.json"),
            Mount.bindReadOnly("/host/dir", "/data"));

    assertThat(view.hostPath("/run/a/meta.json")).contains(Path.of("/host/meta.json"));
    assertThat(view.hostPath("/data/x/y")).contains(Path.of("/host/dir/x/y"));
    assertThat(view.hostPath("/database")).as("a prefix is not a parent").isEmpty();
    assertThat(view.hostPath("/run/a")).isEmpty();
  }

  @Test
  void theLastMountOverAPathWins() {
    ContainerView view =
        with(Mount.bindReadOnly("/host/one", "/data"), Mount.bindReadOnly("/host/two", "/data/x"));

    assertThat(view.hostPath("/data/x/f")).contains(Path.of("/host/two/f"));
    assertThat(view.hostPath("/data/y")).contains(Path.of("/host/one/y"));
  }

  @Test
  void aTypedMountHasNoHostFile() {
    ContainerView view =
        with(
            Mount.bindReadOnly("/host/dir", "/data"),
            new Mount("tmpfs", "/data", List.of(), Optional.of("tmpfs")));

    assertThat(view.hostPath("/data/f")).isEmpty();
  }

  @Test
  void readFileReadsThroughTheMount(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("m.json"), "{\"kind\":\"DeviceMetadata\"}");

    assertThat(with(Mount.bindReadOnly(file.toString(), "/run/m.json")).readFile("/run/m.json"))
        .isEqualTo("{\"kind\":\"DeviceMetadata\"}");
  }

  @Test
  void readingAnUnmountedPathNamesTheMountsThereAre() {
    assertThatThrownBy(() -> with(Mount.bindReadOnly("/h", "/run/x")).readFile("/run/y"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("/run/y")
        .hasMessageContaining("[/run/x]");
    assertThatThrownBy(() -> ContainerView.empty().hostPath("relative/path"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be absolute");
  }
}
