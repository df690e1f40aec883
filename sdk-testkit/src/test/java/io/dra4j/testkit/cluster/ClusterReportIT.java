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
package io.dra4j.testkit.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.testkit.apiserver.FakeApiServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster's failure report, read from the API server over HTTP. */
class ClusterReportIT {

  @Test
  void aSectionTheApiServerCannotListSaysSoAndTheOthersAreStillReported() {
    try (FakeApiServer api = FakeApiServer.start()) {
      ApiRest rest = new ApiRest(api.url());
      new ManifestApplier(rest)
          .apply(
              """
              apiVersion: resource.k8s.io/v1
              kind: ResourceClaim
              metadata: {name: waiting}
              spec: {devices: {requests: [{name: dev, exactly: {deviceClassName: gpu}}]}}
              """);
      api.faults().failNext("list", "resourceslices", 503, 1);

      String report = new ClusterReport(Path.of("/tmp/cluster"), rest, List::of).describe();

      assertThat(report)
          .contains("ResourceSlices:\n  (cannot list them: GET " + ApiPaths.SLICES)
          .contains("HTTP 503")
          .contains("ResourceClaims:\n  default/waiting: not allocated, reservedFor []")
          .contains("Pods:\n  (none)");
    }
  }
}
