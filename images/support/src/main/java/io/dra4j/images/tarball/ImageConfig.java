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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a container runtime takes from an image's configuration to start it.
 *
 * @param entrypoint the entry point, first the executable
 * @param env the environment, {@code NAME=value} entries
 * @param user the user ({@code uid[:gid]}), empty for root
 * @param workingDir the working directory, empty for {@code /}
 * @param diffIds the digests of the uncompressed layers, base first
 * @param labels the image labels
 */
public record ImageConfig(
    List<String> entrypoint,
    List<String> env,
    Optional<String> user,
    Optional<String> workingDir,
    List<String> diffIds,
    Map<String, String> labels) {
  public ImageConfig {
    entrypoint = List.copyOf(entrypoint);
    env = List.copyOf(env);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workingDir, "workingDir");
    diffIds = List.copyOf(diffIds);
    labels = Map.copyOf(labels);
  }

  /** The environment as a map, in image order. */
  public Map<String, String> envMap() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String e : env) {
      int eq = e.indexOf('=');
      if (eq > 0) {
        out.put(e.substring(0, eq), e.substring(eq + 1));
      }
    }
    return out;
  }

  /**
   * The numeric uid of {@link #user}, 0 when none is set.
   *
   * @throws IllegalStateException when the user is a name, which needs the image's passwd file
   */
  public int uid() {
    return user.map(u -> number(u.split(":", -1)[0])).orElse(0);
  }

  /** The numeric gid of {@link #user}: the part after the colon, else the uid. */
  public int gid() {
    return user.map(
            u -> {
              String[] parts = u.split(":", -1);
              return number(parts.length > 1 ? parts[1] : parts[0]);
            })
        .orElse(0);
  }

  private int number(String id) {
    try {
      return Integer.parseInt(id);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "the image user '"
              + user.orElse("")
              + "' is not numeric: set <container><user>uid:gid</user></container>",
          e);
    }
  }
}
