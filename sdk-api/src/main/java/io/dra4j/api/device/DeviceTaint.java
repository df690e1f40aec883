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
package io.dra4j.api.device;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A taint on a published device (KEP-5055): keeps pods that do not tolerate it away from the
 * device.
 *
 * @param key a qualified name, for example {@code neuron.aws.com/unhealthy}
 * @param value an optional value of at most 63 characters
 * @param effect what the taint does
 * @param timeAdded when the taint was added; empty lets the SDK stamp it once and keep it stable
 */
public record DeviceTaint(
    String key, Optional<String> value, TaintEffect effect, Optional<Instant> timeAdded) {

  /** Checks and copies the components. */
  public DeviceTaint {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(effect, "effect");
    Objects.requireNonNull(timeAdded, "timeAdded");
    Validation.requireTaint(key, value);
  }

  /** A taint with a key, a value and an effect; the SDK stamps the time added. */
  public static DeviceTaint of(String key, String value, TaintEffect effect) {
    return new DeviceTaint(key, Optional.of(value), effect, Optional.empty());
  }
}
