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
package io.dra4j.runtime.internal.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.runtime.internal.proto.dra.v1.DRAPluginGrpc;
import io.dra4j.runtime.internal.proto.dra.v1.Device;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourceResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesResponse;
import io.dra4j.runtime.internal.proto.health.v1alpha1.DRAResourceHealthGrpc;
import io.dra4j.runtime.internal.proto.health.v1alpha1.DeviceHealth;
import io.dra4j.runtime.internal.proto.health.v1alpha1.HealthStatus;
import io.dra4j.runtime.internal.proto.registration.PluginInfo;
import io.dra4j.runtime.internal.proto.registration.RegistrationGrpc;
import io.dra4j.runtime.internal.proto.registration.RegistrationStatus;
import io.grpc.MethodDescriptor;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The names and field numbers the kubelet uses on the wire. Golden bytes are written by hand from
 * the protocol's field tables (tag = field number << 3 | wire type), so a wrong package, service,
 * method or field number fails here.
 */
class WireProtocolTest {

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  private static String full(MethodDescriptor<?, ?> m) {
    return m.getFullMethodName();
  }

  @Test
  void serviceAndMethodNamesAreThoseTheKubeletDials() {
    assertThat(RegistrationGrpc.SERVICE_NAME).isEqualTo("pluginregistration.Registration");
    assertThat(full(RegistrationGrpc.getGetInfoMethod()))
        .isEqualTo("pluginregistration.Registration/GetInfo");
    assertThat(full(RegistrationGrpc.getNotifyRegistrationStatusMethod()))
        .isEqualTo("pluginregistration.Registration/NotifyRegistrationStatus");

    assertThat(DRAPluginGrpc.SERVICE_NAME).isEqualTo("k8s.io.kubelet.pkg.apis.dra.v1.DRAPlugin");
    assertThat(full(DRAPluginGrpc.getNodePrepareResourcesMethod()))
        .isEqualTo("k8s.io.kubelet.pkg.apis.dra.v1.DRAPlugin/NodePrepareResources");
    assertThat(full(DRAPluginGrpc.getNodeUnprepareResourcesMethod()))
        .isEqualTo("k8s.io.kubelet.pkg.apis.dra.v1.DRAPlugin/NodeUnprepareResources");

    assertThat(io.dra4j.runtime.internal.proto.dra.v1beta1.DRAPluginGrpc.SERVICE_NAME)
        .isEqualTo("k8s.io.kubelet.pkg.apis.dra.v1beta1.DRAPlugin");
    assertThat(
            full(
                io.dra4j.runtime.internal.proto.dra.v1beta1.DRAPluginGrpc
                    .getNodePrepareResourcesMethod()))
        .isEqualTo("k8s.io.kubelet.pkg.apis.dra.v1beta1.DRAPlugin/NodePrepareResources");
    assertThat(
            full(
                io.dra4j.runtime.internal.proto.dra.v1beta1.DRAPluginGrpc
                    .getNodeUnprepareResourcesMethod()))
        .isEqualTo("k8s.io.kubelet.pkg.apis.dra.v1beta1.DRAPlugin/NodeUnprepareResources");

    assertThat(DRAResourceHealthGrpc.SERVICE_NAME).isEqualTo("v1alpha1.DRAResourceHealth");
    assertThat(full(DRAResourceHealthGrpc.getNodeWatchResourcesMethod()))
        .isEqualTo("v1alpha1.DRAResourceHealth/NodeWatchResources");
    assertThat(DRAResourceHealthGrpc.getNodeWatchResourcesMethod().getType())
        .isEqualTo(MethodDescriptor.MethodType.SERVER_STREAMING);
    assertThat(io.dra4j.runtime.internal.proto.health.v1.DRAResourceHealthGrpc.SERVICE_NAME)
        .isEqualTo("v1.DRAResourceHealth");
  }

  @Test
  void claimDecodesFromHandWrittenBytes() throws Exception {
    // 1: namespace "ns", 2: uid "u1", 3: name "c"
    byte[] wire = hex("0a 02 6e73 12 02 7531 1a 01 63");
    Claim claim = Claim.parseFrom(wire);
    assertThat(claim.getNamespace()).isEqualTo("ns");
    assertThat(claim.getUid()).isEqualTo("u1");
    assertThat(claim.getName()).isEqualTo("c");
    assertThat(claim.toByteArray()).isEqualTo(wire);
  }

  @Test
  void v1DeviceCarriesShareIdAsFieldFive() throws Exception {
    Device d =
        Device.newBuilder()
            .addRequestNames("r")
            .setPoolName("p")
            .setDeviceName("d")
            .addCdiDeviceIds("x")
            .setShareId("s")
            .build();
    // 1:"r" 2:"p" 3:"d" 4:"x" 5:"s"
    assertThat(d.toByteArray()).isEqualTo(hex("0a0172 120170 1a0164 220178 2a0173"));
    io.dra4j.runtime.internal.proto.dra.v1beta1.Device beta =
        io.dra4j.runtime.internal.proto.dra.v1beta1.Device.parseFrom(
            hex("0a0172 120170 1a0164 220178"));
    assertThat(beta.getCdiDeviceIds(0)).isEqualTo("x");
  }

  @Test
  void prepareResponseIsAMapKeyedByClaimUidWithErrorAsFieldTwo() throws Exception {
    // claims (field 1) map entry: key (1) "u", value (2) =
    // NodePrepareResourceResponse{error(2):"e"}
    byte[] wire = hex("0a 08 0a0175 12 03 120165");
    NodePrepareResourcesResponse r = NodePrepareResourcesResponse.parseFrom(wire);
    NodePrepareResourceResponse entry = r.getClaimsOrThrow("u");
    assertThat(entry.getError()).isEqualTo("e");
    assertThat(entry.getDevicesList()).isEmpty();
  }

  @Test
  void registrationMessagesUseTheirFieldNumbers() throws Exception {
    PluginInfo info = PluginInfo.parseFrom(hex("0a 01 54 12 01 4e 1a 01 45 22 01 61 22 01 62"));
    assertThat(info.getType()).isEqualTo("T");
    assertThat(info.getName()).isEqualTo("N");
    assertThat(info.getEndpoint()).isEqualTo("E");
    assertThat(info.getSupportedVersionsList()).containsExactly("a", "b");

    RegistrationStatus status = RegistrationStatus.parseFrom(hex("08 01 12 01 78"));
    assertThat(status.getPluginRegistered()).isTrue();
    assertThat(status.getError()).isEqualTo("x");
  }

  @Test
  void healthMessagesUseTheirFieldNumbersAndEnumValues() throws Exception {
    // device(1){pool(1)"p", device(2)"d"}, health(2)=UNHEALTHY(2), last_updated(3)=5,
    // timeout(4)=30, message(5)="m"
    byte[] wire = hex("0a 06 0a0170 120164 10 02 18 05 20 1e 2a 01 6d");
    DeviceHealth h = DeviceHealth.parseFrom(wire);
    assertThat(h.getDevice().getPoolName()).isEqualTo("p");
    assertThat(h.getDevice().getDeviceName()).isEqualTo("d");
    assertThat(h.getHealth()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(h.getLastUpdatedTime()).isEqualTo(5);
    assertThat(h.getHealthCheckTimeoutSeconds()).isEqualTo(30);
    assertThat(h.getMessage()).isEqualTo("m");
    assertThat(HealthStatus.HEALTHY.getNumber()).isEqualTo(1);
    assertThat(ByteString.copyFrom(h.toByteArray())).isEqualTo(ByteString.copyFrom(wire));
  }
}
