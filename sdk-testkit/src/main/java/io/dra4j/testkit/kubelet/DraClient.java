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
import io.dra4j.runtime.proto.dra.v1.DRAPluginGrpc;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * NodePrepareResources and NodeUnprepareResources on one plugin instance, in the DRA service
 * version chosen at registration. Calls block; gRPC failures surface as {@code
 * StatusRuntimeException}.
 */
final class DraClient {

  /** One claim's entry in a NodePrepareResources response. */
  record PrepareOutcome(List<ClaimDevice> devices, String error) {}

  private final String driver;
  private final DraServiceVersion version;
  private final ManagedChannel channel;

  DraClient(String driver, DraServiceVersion version, ManagedChannel channel) {
    this.driver = driver;
    this.version = version;
    this.channel = channel;
  }

  Map<String, PrepareOutcome> prepare(List<ClaimRef> claims, Duration deadline) {
    Map<String, PrepareOutcome> out = new LinkedHashMap<>();
    if (version == DraServiceVersion.V1) {
      var request = io.dra4j.runtime.proto.dra.v1.NodePrepareResourcesRequest.newBuilder();
      claims.forEach(
          c ->
              request.addClaims(
                  io.dra4j.runtime.proto.dra.v1.Claim.newBuilder()
                      .setNamespace(c.namespace())
                      .setName(c.name())
                      .setUid(c.uid())));
      var response =
          DRAPluginGrpc.newBlockingStub(channel)
              .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
              .nodePrepareResources(request.build());
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
    } else {
      var request = io.dra4j.runtime.proto.dra.v1beta1.NodePrepareResourcesRequest.newBuilder();
      claims.forEach(
          c ->
              request.addClaims(
                  io.dra4j.runtime.proto.dra.v1beta1.Claim.newBuilder()
                      .setNamespace(c.namespace())
                      .setName(c.name())
                      .setUid(c.uid())));
      var response =
          io.dra4j.runtime.proto.dra.v1beta1.DRAPluginGrpc.newBlockingStub(channel)
              .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
              .nodePrepareResources(request.build());
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
                                          Optional.<String>empty()))
                              .toList(),
                          result.getError())));
    }
    return out;
  }

  /** Returns the per-claim error for every claim UID in the response ("" for success). */
  Map<String, String> unprepare(List<ClaimRef> claims, Duration deadline) {
    Map<String, String> out = new LinkedHashMap<>();
    if (version == DraServiceVersion.V1) {
      var request = io.dra4j.runtime.proto.dra.v1.NodeUnprepareResourcesRequest.newBuilder();
      claims.forEach(
          c ->
              request.addClaims(
                  io.dra4j.runtime.proto.dra.v1.Claim.newBuilder()
                      .setNamespace(c.namespace())
                      .setName(c.name())
                      .setUid(c.uid())));
      DRAPluginGrpc.newBlockingStub(channel)
          .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
          .nodeUnprepareResources(request.build())
          .getClaimsMap()
          .forEach((uid, result) -> out.put(uid, result.getError()));
    } else {
      var request = io.dra4j.runtime.proto.dra.v1beta1.NodeUnprepareResourcesRequest.newBuilder();
      claims.forEach(
          c ->
              request.addClaims(
                  io.dra4j.runtime.proto.dra.v1beta1.Claim.newBuilder()
                      .setNamespace(c.namespace())
                      .setName(c.name())
                      .setUid(c.uid())));
      io.dra4j.runtime.proto.dra.v1beta1.DRAPluginGrpc.newBlockingStub(channel)
          .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
          .nodeUnprepareResources(request.build())
          .getClaimsMap()
          .forEach((uid, result) -> out.put(uid, result.getError()));
    }
    return out;
  }
}
