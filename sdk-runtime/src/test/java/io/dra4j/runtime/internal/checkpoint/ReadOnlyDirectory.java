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

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Makes a real directory read-only for a test: {@code chmod 555}, and for root (which ignores
 * permission bits) the immutable attribute through {@code chattr +i}. Skips the test when neither
 * works on this file system.
 */
public final class ReadOnlyDirectory implements AutoCloseable {
  private final Path dir;
  private boolean immutable;

  private ReadOnlyDirectory(Path dir) {
    this.dir = dir;
  }

  public static ReadOnlyDirectory of(Path dir) throws IOException, InterruptedException {
    ReadOnlyDirectory ro = new ReadOnlyDirectory(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    if (canWrite(dir)) {
      ro.immutable = chattr("+i", dir);
    }
    if (canWrite(dir)) {
      ro.close();
      assumeTrue(false, "cannot make " + dir + " read-only here");
    }
    return ro;
  }

  private static boolean canWrite(Path dir) {
    try {
      Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean chattr(String flag, Path dir) throws InterruptedException {
    try {
      Process p =
          new ProcessBuilder("chattr", flag, dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (immutable) {
      chattr("-i", dir);
      immutable = false;
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
