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
package io.dra4j.conformance.differential;

import io.dra4j.testkit.allocator.AllocatorFeatures;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What a scenario's author expects of a step, per release and gates: the same everywhere, or
 * depending on a feature of the {@link Release} (for example "bound with DRADeviceTaints, refused
 * without"). Both sides must agree with each other and with this.
 *
 * @param description what the expectation depends on, for messages
 * @param value the expected value on a release
 */
public record Expected<T>(String description, Function<Release, T> value) {
  /** Checks the components. */
  public Expected {
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(value, "value");
  }

  /** {@code value} on every release. */
  public static <T> Expected<T> always(T value) {
    return new Expected<>(String.valueOf(value), r -> value);
  }

  /** {@code on} where the release's features pass {@code feature}, else {@code off}. */
  public static <T> Expected<T> when(
      String feature, Predicate<AllocatorFeatures> test, T on, T off) {
    return new Expected<>(
        on + " with " + feature + ", else " + off, r -> test.test(r.features()) ? on : off);
  }

  /** A pod bound where the release's features pass {@code feature}, else refused. */
  public static Expected<PodOutcome.State> boundWith(
      String feature, Predicate<AllocatorFeatures> test) {
    return when(feature, test, PodOutcome.State.BOUND, PodOutcome.State.REFUSED);
  }

  /** {@code on} where the release passes {@code test}, else {@code off}. */
  public static <T> Expected<T> whenRelease(String what, Predicate<Release> test, T on, T off) {
    return new Expected<>(on + " " + what + ", else " + off, r -> test.test(r) ? on : off);
  }

  /** The expected value on {@code release}. */
  public T on(Release release) {
    return value.apply(release);
  }

  @Override
  public String toString() {
    return description;
  }
}
