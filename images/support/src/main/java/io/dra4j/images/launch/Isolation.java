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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** How an unpacked image is isolated from the host when its entry point runs. */
public enum Isolation {
  /**
   * Like a container runtime: a private mount namespace ({@code unshare --mount}), the root file
   * system bind-mounted read-only, {@code /proc}, {@code /dev} and a tmpfs {@code /tmp} mounted,
   * the node's directories bound where the Helm chart mounts them, then {@code chroot} as the
   * image's user. Needs root (CAP_SYS_ADMIN and CAP_SYS_CHROOT).
   */
  CHROOT,

  /**
   * The image's files run in place with the host's dynamic loader and C library: paths of the entry
   * point that point into the image are prefixed with the unpacked root. Needs nothing.
   */
  HOST;

  /**
   * {@link #CHROOT} where this process may use it (root with the capability to make a mount
   * namespace, as a container without CAP_SYS_ADMIN has not), else {@link #HOST}.
   */
  public static Isolation best() {
    boolean tools =
        Files.isExecutable(Path.of("/usr/bin/unshare"))
            && (Files.isExecutable(Path.of("/usr/sbin/chroot"))
                || Files.isExecutable(Path.of("/usr/bin/chroot")));
    if (!tools || !"root".equals(System.getProperty("user.name"))) {
      return HOST;
    }
    try {
      Process p =
          new ProcessBuilder("/usr/bin/unshare", "--mount", "/bin/true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? CHROOT : HOST;
    } catch (IOException e) {
      return HOST;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return HOST;
    }
  }
}
