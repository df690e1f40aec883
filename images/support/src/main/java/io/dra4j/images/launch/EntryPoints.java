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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites an image's entry point: extra JVM flags, and (to run the image's files in place) the
 * image paths it names, argument files expanded.
 */
public final class EntryPoints {
  private static final Set<String> CLASS_PATH_FLAGS = Set.of("-cp", "-classpath", "--class-path");

  private EntryPoints() {}

  /**
   * The entry point with {@code flags} inserted before the class path flag (or right after the
   * executable when there is none), so they follow, and win over, the image's JVM flags.
   */
  public static List<String> withJvmFlags(List<String> entrypoint, List<String> flags) {
    List<String> out = new ArrayList<>(entrypoint);
    int at = 1;
    for (int i = 1; i < out.size(); i++) {
      if (CLASS_PATH_FLAGS.contains(out.get(i))) {
        at = i;
        break;
      }
    }
    out.addAll(at, flags);
    return out;
  }

  /**
   * The command that runs {@code argv} with the files of the image unpacked at {@code rootfs}:
   * argument files ({@code @/path}) are read from the image and expanded, and every absolute path
   * that exists in the image (a class path entry, a flag's value, the executable) gets the {@code
   * rootfs} prefix. Paths below {@code /tmp} keep pointing at the host's.
   */
  public static List<String> inPlace(Path rootfs, List<String> argv) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < argv.size(); i++) {
      String a = argv.get(i);
      if (i > 0 && a.startsWith("@/")) {
        for (String line : DriverImageRun.read(inImage(rootfs, a.substring(1))).split("\\R")) {
          String t = line.strip();
          if (!t.isEmpty() && !t.startsWith("#")) {
            out.add(rewrite(rootfs, t));
          }
        }
      } else {
        out.add(rewrite(rootfs, a));
      }
    }
    return out;
  }

  /** One argument: a path, a {@code :}-separated path list, or {@code -flag=value} of either. */
  static String rewrite(Path rootfs, String arg) {
    int eq = arg.indexOf('=');
    if (arg.startsWith("-") && eq > 0) {
      return arg.substring(0, eq + 1) + rewritePaths(rootfs, arg.substring(eq + 1));
    }
    return rewritePaths(rootfs, arg);
  }

  private static String rewritePaths(Path rootfs, String value) {
    if (!value.startsWith("/")) {
      return value;
    }
    String[] parts = value.split(":", -1);
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      String probe = p.endsWith("/*") ? p.substring(0, p.length() - 2) : p;
      if (p.startsWith("/")
          && !p.equals("/tmp")
          && !p.startsWith("/tmp/")
          && Files.exists(inImage(rootfs, probe))) {
        parts[i] = rootfs.toAbsolutePath() + p;
      }
    }
    return String.join(":", parts);
  }

  private static Path inImage(Path rootfs, String absolute) {
    return rootfs.resolve(absolute.substring(1));
  }
}
