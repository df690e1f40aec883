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

import io.dra4j.api.prepare.PodRef;
import io.dra4j.testkit.cdi.CdiInjectionException;
import io.dra4j.testkit.cdi.CdiRegistry;
import io.dra4j.testkit.cdi.ContainerView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Resolves what a container of a prepared pod gets: the CDI IDs of the claims (or single requests)
 * it uses, looked up in the kubelet's claim cache and injected from the CDI spec directories like
 * the container runtime does.
 */
final class ContainerViews {
  private final DraManager draManager;
  private final List<Path> cdiDirs;

  ContainerViews(DraManager draManager, List<Path> cdiDirs) {
    this.draManager = draManager;
    this.cdiDirs = List.copyOf(cdiDirs);
  }

  /** The view of a container that uses every claim of the pod. */
  ContainerView allClaims(PodRef pod) throws CdiInjectionException {
    List<ContainerClaimUse> uses = new ArrayList<>();
    for (ClaimInfo info : draManager.podClaims(pod)) {
      uses.add(ContainerClaimUse.claim(info.claim().name()));
    }
    return of(pod, uses);
  }

  /** The view of a container that uses the given claims or requests. */
  ContainerView of(PodRef pod, List<ContainerClaimUse> uses) throws CdiInjectionException {
    List<ClaimInfo> claims = draManager.podClaims(pod);
    Set<String> ids = new LinkedHashSet<>();
    for (ContainerClaimUse use : uses) {
      ClaimInfo info =
          claims.stream()
              .filter(c -> c.claim().name().equals(use.claimName()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "claim "
                              + use.claimName()
                              + " is not known for pod "
                              + pod.namespace()
                              + "/"
                              + pod.name()
                              + "; prepare the pod with that claim first (claims: "
                              + claims.stream().map(c -> c.claim().name()).toList()
                              + ")"));
      if (!info.prepared()) {
        throw new IllegalStateException(
            "claim " + info.claim() + " is not prepared; preparePod must succeed first");
      }
      info.devices().stream()
          .filter(d -> d.servesRequest(use.request()))
          .sorted(Comparator.comparing(ClaimDevice::driver))
          .forEach(d -> ids.addAll(d.cdiDeviceIds()));
    }
    return CdiRegistry.scan(cdiDirs).inject(new ArrayList<>(ids));
  }
}
