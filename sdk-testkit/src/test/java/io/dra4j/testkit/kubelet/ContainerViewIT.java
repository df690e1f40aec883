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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.prepare.DeviceNode;
import io.dra4j.api.prepare.PodRef;
import io.dra4j.runtime.internal.proto.dra.v1.Device;
import io.dra4j.testkit.cdi.CdiInjectionException;
import io.dra4j.testkit.cdi.ContainerView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerViewIT extends KubeletTestSupport {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String GPU = "gpu.example.com";
  private static final PodRef POD = new PodRef("default", "pod-a", "pod-uid-a");

  /** Two devices per claim: one for request "train", one with no request names (all requests). */
  private static FakeDraPlugin.Answer twoDevices(
      io.dra4j.runtime.internal.proto.dra.v1.Claim claim) {
    return FakeDraPlugin.Answer.devices(
        Device.newBuilder()
            .addRequestNames("train")
            .setPoolName("pool-a")
            .setDeviceName("gpu-0")
            .addCdiDeviceIds("example.com/gpu=" + claim.getUid() + "-gpu0")
            .build(),
        Device.newBuilder()
            .setPoolName("pool-a")
            .setDeviceName("ctl")
            .addCdiDeviceIds("example.com/gpu=" + claim.getUid() + "-ctl")
            .build());
  }

  private static ClaimAllocation claimWithTwoRequests() {
    return ClaimAllocation.of(
        claim("gpus"),
        new DeviceAllocation("train", GPU, "pool-a", "gpu-0"),
        new DeviceAllocation("serve", GPU, "pool-a", "ctl"));
  }

  private void writeSpec(Path dir, String file, String uid) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve(file),
        """
        {"cdiVersion": "0.5.0", "kind": "example.com/gpu",
         "containerEdits": {"env": ["GPU_DRIVER=example"]},
         "devices": [
           {"name": "%1$s-gpu0", "containerEdits": {"env": ["GPU0=1"], "deviceNodes": [{"path": "/dev/gpu0"}]}},
           {"name": "%1$s-ctl", "containerEdits": {"deviceNodes": [{"path": "/dev/gpuctl", "hostPath": "/dev/gpuctl"}]}}
         ]}
        """
            .formatted(uid));
  }

  private SimulatedKubelet preparedKubelet() throws Exception {
    plugin(GPU).onPrepare(ContainerViewIT::twoDevices).start();
    SimulatedKubelet kubelet = startKubelet(kubelet());
    kubelet.awaitRegistered(GPU, WAIT);
    PodPrepareResult result = kubelet.preparePod(PodClaims.of(POD, claimWithTwoRequests()));
    assertThat(result.succeeded()).as(result.eventMessage()).isTrue();
    return kubelet;
  }

  @Test
  void containerGetsTheEditsOfThePreparedCdiDevices() throws Exception {
    SimulatedKubelet kubelet = preparedKubelet();
    writeSpec(root.resolve("run-cdi"), "claim.json", "uid-gpus");

    ContainerView view = kubelet.containerView(POD);

    assertThat(view.cdiDeviceIds())
        .containsExactly("example.com/gpu=uid-gpus-gpu0", "example.com/gpu=uid-gpus-ctl");
    assertThat(view.env()).containsEntry("GPU_DRIVER", "example").containsEntry("GPU0", "1");
    assertThat(view.deviceNodes())
        .extracting(DeviceNode::path)
        .containsExactly("/dev/gpu0", "/dev/gpuctl");
  }

  @Test
  void containerUsingOneRequestGetsItsDevicesAndThoseWithoutRequestNames() throws Exception {
    SimulatedKubelet kubelet = preparedKubelet();
    writeSpec(root.resolve("run-cdi"), "claim.json", "uid-gpus");

    ContainerView serving =
        kubelet.containerView(POD, List.of(ContainerClaimUse.request("gpus", "serve")));
    ContainerView training =
        kubelet.containerView(POD, List.of(ContainerClaimUse.request("gpus", "train")));

    assertThat(serving.cdiDeviceIds()).containsExactly("example.com/gpu=uid-gpus-ctl");
    assertThat(serving.env()).doesNotContainKey("GPU0").containsEntry("GPU_DRIVER", "example");
    assertThat(training.cdiDeviceIds())
        .containsExactly("example.com/gpu=uid-gpus-gpu0", "example.com/gpu=uid-gpus-ctl");
  }

  @Test
  void missingSpecFailsContainerCreationWithTheRuntimeError() throws Exception {
    SimulatedKubelet kubelet = preparedKubelet();

    assertThatThrownBy(() -> kubelet.containerView(POD))
        .isInstanceOf(CdiInjectionException.class)
        .hasMessageStartingWith(
            "CDI device injection failed: unresolvable CDI devices"
                + " example.com/gpu=uid-gpus-gpu0, example.com/gpu=uid-gpus-ctl");
  }

  @Test
  void invalidSpecIsSkippedAndNamedInTheError() throws Exception {
    SimulatedKubelet kubelet = preparedKubelet();
    Path run = Files.createDirectories(root.resolve("run-cdi"));
    Files.writeString(
        run.resolve("claim.json"),
        """
        {"cdiVersion": "0.5.0", "kind": "example.com/gpu", "extra": true,
         "devices": [{"name": "uid-gpus-gpu0", "containerEdits": {"env": ["A=1"]}}]}
        """);

    assertThatThrownBy(() -> kubelet.containerView(POD))
        .isInstanceOf(CdiInjectionException.class)
        .hasMessageContaining("unresolvable CDI devices example.com/gpu=uid-gpus-gpu0")
        .hasMessageContaining("claim.json: invalid CDI spec: spec: unknown field \"extra\"");
  }

  @Test
  void containerViewOfAClaimThePodDoesNotUseIsRefused() throws Exception {
    SimulatedKubelet kubelet = preparedKubelet();

    assertThatThrownBy(() -> kubelet.containerView(POD, List.of(ContainerClaimUse.claim("other"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("claim other is not known for pod default/pod-a");
  }
}
