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

import java.util.List;

/**
 * Container creation failed because CDI devices could not be injected, worded like containerd and
 * CRI-O ({@code CDI device injection failed: unresolvable CDI devices ...}).
 */
public final class CdiInjectionException extends Exception {
  private final List<String> unresolved;

  CdiInjectionException(List<String> unresolved, List<CdiSpecError> specErrors) {
    super(message(unresolved, specErrors));
    this.unresolved = List.copyOf(unresolved);
  }

  private static String message(List<String> unresolved, List<CdiSpecError> specErrors) {
    StringBuilder text =
        new StringBuilder("CDI device injection failed: unresolvable CDI devices ")
            .append(String.join(", ", unresolved));
    if (!specErrors.isEmpty()) {
      text.append(" (spec files skipped or devices dropped: ");
      for (int i = 0; i < specErrors.size(); i++) {
        text.append(i == 0 ? "" : "; ").append(specErrors.get(i));
      }
      text.append(')');
    }
    text.append(
        "; the driver must write a valid spec defining these devices into one of the CDI"
            + " directories before the container starts");
    return text.toString();
  }

  /** The CDI device IDs that no valid spec defines. */
  public List<String> unresolved() {
    return unresolved;
  }
}
