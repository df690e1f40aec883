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

import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.runtime.internal.proto.dra.v1.DRAPluginGrpc;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesRequest;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourcesRequest;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourcesResponse;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * NodePrepareResources and NodeUnprepareResources on one plugin instance, in the DRA service
 * version chosen at registration. The v1beta1 messages are the v1 messages on the wire (v1 only
 * adds {@code Device.share_id}, which a v1beta1 plugin never sends), so both versions share the v1
 * message types and differ only in the service name of the method. Calls block; gRPC failures
 * surface as {@code StatusRuntimeException}.
 */
final class DraClient {

  /** One claim's entry in a NodePrepareResources response. */
  record PrepareOutcome(List<ClaimDevice> devices, String error) {}

  private final String driver;
  private final ManagedChannel channel;
  private final MethodDescriptor<NodePrepareResourcesRequest, NodePrepareResourcesResponse>
      prepareMethod;
  private final MethodDescriptor<NodeUnprepareResourcesRequest, NodeUnprepareResourcesResponse>
      unprepareMethod;

  DraClient(String driver, DraServiceVersion version, ManagedChannel channel) {
    this.driver = driver;
    this.channel = channel;
    String service =
        version == DraServiceVersion.V1
            ? DRAPluginGrpc.SERVICE_NAME
            : io.dra4j.runtime.internal.proto.dra.v1beta1.DRAPluginGrpc.SERVICE_NAME;
    this.prepareMethod = forService(DRAPluginGrpc.getNodePrepareResourcesMethod(), service);
    this.unprepareMethod = forService(DRAPluginGrpc.getNodeUnprepareResourcesMethod(), service);
  }

  /** The same method, messages and marshallers under another service name. */
  static <ReqT, RespT> MethodDescriptor<ReqT, RespT> forService(
      MethodDescriptor<ReqT, RespT> v1Method, String service) {
    return v1Method.toBuilder()
        .setFullMethodName(
            MethodDescriptor.generateFullMethodName(service, v1Method.getBareMethodName()))
        .build();
  }

  Map<String, PrepareOutcome> prepare(List<ClaimRef> claims, Duration deadline) {
    NodePrepareResourcesResponse response =
        ClientCalls.blockingUnaryCall(
            channel,
            prepareMethod,
            options(deadline),
            NodePrepareResourcesRequest.newBuilder().addAllClaims(wire(claims)).build());
    Map<String, PrepareOutcome> out = new LinkedHashMap<>();
    response
        .getClaimsMap()
        .forEach(
            (uid, result) ->
                out.put(
                    uid,
                    new PrepareOutcome(
                        result.getDevicesList().stream()
                            .map(
                                d ->
                                    new ClaimDevice(
                                        driver,
                                        d.getRequestNamesList(),
                                        d.getPoolName(),
                                        d.getDeviceName(),
                                        d.getCdiDeviceIdsList(),
                                        d.hasShareId()
                                            ? Optional.of(d.getShareId())
                                            : Optional.empty()))
                            .toList(),
                        result.getError())));
    return out;
  }

  /** Returns the per-claim error for every claim UID in the response ("" for success). */
  Map<String, String> unprepare(List<ClaimRef> claims, Duration deadline) {
    NodeUnprepareResourcesResponse response =
        ClientCalls.blockingUnaryCall(
            channel,
            unprepareMethod,
            options(deadline),
            NodeUnprepareResourcesRequest.newBuilder().addAllClaims(wire(claims)).build());
    Map<String, String> out = new LinkedHashMap<>();
    response.getClaimsMap().forEach((uid, result) -> out.put(uid, result.getError()));
    return out;
  }

  private static CallOptions options(Duration deadline) {
    return CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static List<Claim> wire(List<ClaimRef> claims) {
    return claims.stream()
        .map(
            c ->
                Claim.newBuilder()
                    .setNamespace(c.namespace())
                    .setName(c.name())
                    .setUid(c.uid())
                    .build())
        .toList();
  }
}
