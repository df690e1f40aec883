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
package io.dra4j.runtime;

import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.runtime.internal.proto.dra.v1.DRAPluginGrpc;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesRequest;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourcesRequest;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourcesResponse;
import io.dra4j.runtime.internal.proto.registration.InfoRequest;
import io.dra4j.runtime.internal.proto.registration.PluginInfo;
import io.dra4j.runtime.internal.proto.registration.RegistrationGrpc;
import io.dra4j.runtime.internal.proto.registration.RegistrationStatus;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** Plays the kubelet against a driver's sockets: registration and DRA calls over unix sockets. */
public final class FakeKubelet implements AutoCloseable {
  public final ManagedChannel registration;
  public final ManagedChannel service;

  public FakeKubelet(DriverRuntime runtime) {
    this(runtime.registrationSocket(), runtime.serviceSocket());
  }

  public FakeKubelet(Path registrationSocket, Path serviceSocket) {
    registration = channel(registrationSocket);
    service = channel(serviceSocket);
  }

  public static ManagedChannel channel(Path socket) {
    return Grpc.newChannelBuilder("unix://" + socket, InsecureChannelCredentials.create()).build();
  }

  public PluginInfo getInfo() {
    return RegistrationGrpc.newBlockingStub(registration)
        .withDeadlineAfter(1, TimeUnit.SECONDS)
        .getInfo(InfoRequest.getDefaultInstance());
  }

  public void notify(boolean registered, String error) {
    RegistrationGrpc.newBlockingStub(registration)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .notifyRegistrationStatus(
            RegistrationStatus.newBuilder()
                .setPluginRegistered(registered)
                .setError(error)
                .build());
  }

  public DRAPluginGrpc.DRAPluginBlockingStub v1(long deadlineSeconds) {
    return DRAPluginGrpc.newBlockingStub(service)
        .withDeadlineAfter(deadlineSeconds, TimeUnit.SECONDS);
  }

  public io.dra4j.runtime.internal.proto.dra.v1beta1.DRAPluginGrpc.DRAPluginBlockingStub v1beta1() {
    return io.dra4j.runtime.internal.proto.dra.v1beta1.DRAPluginGrpc.newBlockingStub(service)
        .withDeadlineAfter(45, TimeUnit.SECONDS);
  }

  public static Claim claim(ClaimRef ref) {
    return Claim.newBuilder()
        .setNamespace(ref.namespace())
        .setName(ref.name())
        .setUid(ref.uid())
        .build();
  }

  public NodePrepareResourcesResponse prepare(ClaimRef... claims) {
    return prepare(45, claims);
  }

  public NodePrepareResourcesResponse prepare(long deadlineSeconds, ClaimRef... claims) {
    NodePrepareResourcesRequest.Builder request = NodePrepareResourcesRequest.newBuilder();
    Arrays.stream(claims).map(FakeKubelet::claim).forEach(request::addClaims);
    return v1(deadlineSeconds).nodePrepareResources(request.build());
  }

  public NodeUnprepareResourcesResponse unprepare(ClaimRef... claims) {
    NodeUnprepareResourcesRequest.Builder request = NodeUnprepareResourcesRequest.newBuilder();
    Arrays.stream(claims).map(FakeKubelet::claim).forEach(request::addClaims);
    return v1(45).nodeUnprepareResources(request.build());
  }

  @Override
  public void close() throws InterruptedException {
    registration.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    service.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
