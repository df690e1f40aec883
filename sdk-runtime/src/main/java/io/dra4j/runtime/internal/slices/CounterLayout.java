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
package io.dra4j.runtime.internal.slices;

/**
 * Where a pool's shared counter sets go: Kubernetes 1.35 and later want them in slices of their own
 * (a slice carries devices or counter sets, never both); Kubernetes 1.34 and older want each set in
 * the same slice as the devices that consume it.
 */
public enum CounterLayout {
  /** Counter sets in slices of their own, after the device slices (Kubernetes 1.35 and later). */
  SEPARATE_SLICES,
  /** Counter sets next to the devices that consume them (Kubernetes 1.34 and older). */
  WITH_DEVICES;

  /**
   * The layout a Kubernetes API server of minor version {@code minor} (of major version 1) accepts.
   */
  public static CounterLayout forMinorVersion(int minor) {
    return minor >= 35 ? SEPARATE_SLICES : WITH_DEVICES;
  }
}
