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

import io.dra4j.api.config.AppliedConfig;
import io.dra4j.api.config.ConfigSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a provider needs to prepare one claim: the claim, this driver's allocated devices, the
 * opaque configuration that applies (already decoded, in precedence order: class before claim,
 * later entries win) and the pods that consume the claim.
 *
 * @param claim the claim
 * @param devices this driver's devices in the allocation result
 * @param configs decoded configuration in precedence order (lowest first); class configuration is
 *     moved before claim configuration, keeping the order within each source
 * @param pods pods the claim is reserved for
 */
public record PrepareRequest(
    ClaimRef claim, List<AllocatedDevice> devices, List<AppliedConfig> configs, List<PodRef> pods) {

  /** Checks and copies the components. */
  public PrepareRequest {
    Objects.requireNonNull(claim, "claim");
    devices = List.copyOf(devices);
    List<AppliedConfig> ordered = new ArrayList<>(configs);
    // Stable: only moves class entries ahead of claim entries.
    ordered.sort(Comparator.comparing(c -> c.source() == ConfigSource.CLAIM));
    configs = List.copyOf(ordered);
    pods = List.copyOf(pods);
  }

  /**
   * The effective configuration of the given type for one allocated device: the last entry that
   * applies to the device's request wins, so claim configuration overrides class configuration. An
   * entry naming the main request {@code req} applies to all its subrequests; one naming {@code
   * req/sub} applies only to a device allocated for that subrequest; one naming no request applies
   * to every device.
   */
  public <T extends Record> Optional<T> config(Class<T> type, AllocatedDevice device) {
    Objects.requireNonNull(device, "device");
    return configFor(type, device.request());
  }

  /**
   * The effective configuration of the given type for a request name, as {@link #config(Class,
   * AllocatedDevice)} finds it.
   *
   * @param request the full request name as the allocation states it, {@code req/sub} for a
   *     subrequest
   * @deprecated passing the main request name ({@link AllocatedDevice#baseRequest()}) silently
   *     misses configuration for a subrequest; use {@link #config(Class, AllocatedDevice)}
   */
  @Deprecated(since = "0.1.0")
  public <T extends Record> Optional<T> config(Class<T> type, String request) {
    return configFor(type, request);
  }

  private <T extends Record> Optional<T> configFor(Class<T> type, String request) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(request, "request");
    T found = null;
    for (AppliedConfig c : configs) {
      if (type.isInstance(c.config()) && c.appliesTo(request)) {
        found = type.cast(c.config());
      }
    }
    return Optional.ofNullable(found);
  }
}
