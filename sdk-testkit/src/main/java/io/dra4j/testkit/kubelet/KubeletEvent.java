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
package io.dra4j.testkit.kubelet;

import java.time.Instant;
import java.util.Objects;

/**
 * Something the simulated kubelet did or saw, kept for test failure messages.
 *
 * @param time when it happened, by the kubelet's clock
 * @param subject what it is about: a socket path, a driver or a pod
 * @param message what happened
 */
public record KubeletEvent(Instant time, String subject, String message) {
  /** Checks and copies the components. */
  public KubeletEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return time + " " + subject + ": " + message;
  }
}
