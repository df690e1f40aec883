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

/** What a device taint does to pods that do not tolerate it. */
public enum TaintEffect {
  /** New pods that do not tolerate the taint are not scheduled onto the device. */
  NO_SCHEDULE("NoSchedule"),
  /** Pods that do not tolerate the taint are also evicted. */
  NO_EXECUTE("NoExecute"),
  /** Informational only (Kubernetes 1.35+). */
  NONE("None");

  private final String apiName;

  TaintEffect(String apiName) {
    this.apiName = apiName;
  }

  /** The name used in the Kubernetes API. */
  public String apiName() {
    return apiName;
  }

  /** Parses the Kubernetes API name ({@code NoSchedule}, {@code NoExecute}, {@code None}). */
  public static TaintEffect fromApiName(String name) {
    for (TaintEffect e : values()) {
      if (e.apiName.equals(name)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "unknown taint effect '" + name + "': use one of NoSchedule, NoExecute, None");
  }
}
