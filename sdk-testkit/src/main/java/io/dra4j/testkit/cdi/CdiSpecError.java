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

import java.nio.file.Path;
import java.util.Objects;

/**
 * A CDI spec file the runtime would skip, or a device it would drop, and why.
 *
 * @param file the spec file
 * @param message what is wrong, naming the field and the rule
 */
public record CdiSpecError(Path file, String message) {
  /** Checks and copies the components. */
  public CdiSpecError {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return file + ": " + message;
  }
}
