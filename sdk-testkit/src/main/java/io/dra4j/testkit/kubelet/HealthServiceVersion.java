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

/** The device health service versions the kubelet can stream from, in order of preference. */
public enum HealthServiceVersion {
  /** {@code v1.DRAResourceHealth}, preferred by the Kubernetes 1.37 kubelet. */
  V1("v1.DRAResourceHealth"),
  /** {@code v1alpha1.DRAResourceHealth}, Kubernetes 1.31 and later. */
  V1ALPHA1("v1alpha1.DRAResourceHealth");

  private final String advertised;

  HealthServiceVersion(String advertised) {
    this.advertised = advertised;
  }

  /**
   * The string in {@code PluginInfo.supported_versions}, for example {@code v1.DRAResourceHealth}.
   */
  public String advertised() {
    return advertised;
  }
}
