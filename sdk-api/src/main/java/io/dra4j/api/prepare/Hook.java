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
package io.dra4j.api.prepare;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An OCI hook the runtime runs for the container.
 *
 * @param stage one of {@code prestart}, {@code createRuntime}, {@code createContainer}, {@code
 *     startContainer}, {@code poststart}, {@code poststop}
 * @param path absolute path of the executable on the host
 * @param args arguments, including argv[0]
 * @param env environment entries {@code KEY=VALUE}
 * @param timeoutSeconds a positive timeout, if any
 */
public record Hook(
    String stage,
    String path,
    List<String> args,
    List<String> env,
    Optional<Integer> timeoutSeconds) {

  private static final List<String> STAGES =
      List.of(
          "prestart",
          "createRuntime",
          "createContainer",
          "startContainer",
          "poststart",
          "poststop");

  /** Checks and copies the components. */
  public Hook {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(path, "path");
    args = List.copyOf(args);
    env = List.copyOf(env);
    Objects.requireNonNull(timeoutSeconds, "timeoutSeconds");
    if (!STAGES.contains(stage)) {
      throw new IllegalArgumentException("hook stage '" + stage + "' must be one of " + STAGES);
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("hook path '" + path + "' must be absolute");
    }
    timeoutSeconds.ifPresent(
        t -> {
          if (t <= 0) {
            throw new IllegalArgumentException("hook timeout " + t + " must be positive");
          }
        });
  }
}
