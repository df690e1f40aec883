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

import java.util.Optional;

/** The DRA node service versions the kubelet can talk, named as plugins advertise them. */
public enum DraServiceVersion {
  /** {@code k8s.io.kubelet.pkg.apis.dra.v1.DRAPlugin}, Kubernetes 1.34 and later. */
  V1("v1.DRAPlugin"),
  /** {@code k8s.io.kubelet.pkg.apis.dra.v1beta1.DRAPlugin}, Kubernetes 1.32 and later. */
  V1BETA1("v1beta1.DRAPlugin");

  private final String advertised;

  DraServiceVersion(String advertised) {
    this.advertised = advertised;
  }

  /** The string in {@code PluginInfo.supported_versions}, for example {@code v1.DRAPlugin}. */
  public String advertised() {
    return advertised;
  }

  static Optional<DraServiceVersion> of(String advertised) {
    for (DraServiceVersion v : values()) {
      if (v.advertised.equals(advertised)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
