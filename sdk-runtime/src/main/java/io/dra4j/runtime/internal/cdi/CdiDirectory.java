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
package io.dra4j.runtime.internal.cdi;

import io.dra4j.runtime.internal.checkpoint.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the CDI spec directory usable while the driver runs: recreates it when something deleted it
 * (a host cleanup, an operator's {@code rm -rf}), says why it cannot for the readiness probe, and
 * removes the temporary spec files of this driver that a crash left behind.
 */
public final class CdiDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(CdiDirectory.class);

  private final Path dir;
  private final Pattern tempNames;

  /**
   * @param dir the spec directory
   * @param specPrefix the start of this driver's spec file names, {@code k8s.<driver>-claim_}
   */
  CdiDirectory(Path dir, String specPrefix) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.tempNames =
        AtomicFile.tempNames(
            Pattern.quote(specPrefix) + "[A-Za-z0-9][A-Za-z0-9_.:-]*" + Pattern.quote(".json"));
  }

  /**
   * Makes sure the directory exists, creating it (and missing parents) when it does not.
   *
   * @throws IOException naming the directory, the cause and the fix
   */
  public void ensure() throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(dir);
      LOG.warn("CDI spec directory {} was missing; created it again", dir);
    } catch (IOException e) {
      throw new IOException(
          "CDI spec directory "
              + dir
              + " is missing and cannot be created: "
              + AtomicFile.describe(e)
              + "; restore the directory (or the host mount) the container runtime reads CDI"
              + " specs from",
          e);
    }
  }

  /** Why the directory is unusable, after trying to recreate it; empty when it is usable. */
  public Optional<String> problem() {
    try {
      ensure();
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Removes this driver's temporary spec files ({@code .k8s.<driver>-claim_<uid>.json.<n>.tmp}) a
   * crash left behind; other drivers' files and every spec stay.
   *
   * @return how many were removed
   */
  public int removeOrphanTempFiles() throws IOException {
    return AtomicFile.removeOrphans(dir, tempNames);
  }
}
