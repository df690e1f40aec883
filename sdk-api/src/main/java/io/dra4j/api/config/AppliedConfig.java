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
package io.dra4j.api.config;

import java.util.List;
import java.util.Objects;

/**
 * One decoded opaque configuration that applies to a claim.
 *
 * @param source whether it came from the DeviceClass or the claim
 * @param requests the requests it applies to; empty means all requests
 * @param config the decoded record
 */
public record AppliedConfig(ConfigSource source, List<String> requests, Record config) {
  /** Checks and copies the components. */
  public AppliedConfig {
    Objects.requireNonNull(source, "source");
    requests = List.copyOf(requests);
    Objects.requireNonNull(config, "config");
  }

  /** Whether this configuration applies to the given request (base name, without subrequest). */
  public boolean appliesTo(String request) {
    if (requests.isEmpty()) {
      return true;
    }
    int slash = request.indexOf('/');
    String base = slash < 0 ? request : request.substring(0, slash);
    return requests.contains(request) || requests.contains(base);
  }
}
