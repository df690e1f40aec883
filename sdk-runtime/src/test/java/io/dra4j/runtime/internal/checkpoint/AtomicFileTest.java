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
package io.dra4j.runtime.internal.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aWriteThatFailsAfterTheTemporaryFileWasCreatedRemovesIt() throws Exception {
    // A non-empty directory cannot be replaced by a rename: the write fails after the temp file
    // was written and fsynced.
    Path target = Files.createDirectories(dir.resolve("checkpoint.json"));
    Files.writeString(target.resolve("inside"), "x");

    assertThatThrownBy(
            () -> AtomicFile.write(target, "{}".getBytes(StandardCharsets.UTF_8), "rw-------"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("checkpoint.json");

    assertThat(names()).containsExactly("checkpoint.json");
  }

  @Test
  void orphansAreTheTemporaryFilesOfTheNamedTargetOnly() throws Exception {
    List<String> orphans = List.of(".checkpoint.json.1.tmp", ".checkpoint.json.18446744073.tmp");
    List<String> others =
        List.of(
            "checkpoint.json",
            ".checkpoint.json.tmp",
            ".checkpoint.json.abc.tmp",
            "x.checkpoint.json.1.tmp",
            ".checkpoint.json.1.tmp.keep",
            ".other.json.1.tmp");
    for (String name : orphans) {
      Files.writeString(dir.resolve(name), "claims");
    }
    for (String name : others) {
      Files.writeString(dir.resolve(name), "keep");
    }
    Files.createDirectories(dir.resolve(".checkpoint.json.2.tmp"));

    int removed =
        AtomicFile.removeOrphans(dir, AtomicFile.tempNames(Pattern.quote("checkpoint.json")));

    assertThat(removed).isEqualTo(2);
    assertThat(names())
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(others.stream(), Stream.of(".checkpoint.json.2.tmp")).toList());
  }

  @Test
  void theTemporaryNameOfARealWriteMatchesThePattern() throws Exception {
    Pattern names = AtomicFile.tempNames(Pattern.quote("spec.json"));
    Path probe = Files.createTempFile(dir, ".spec.json.", ".tmp");

    assertThat(names.matcher(probe.getFileName().toString()).matches()).isTrue();
  }
}
