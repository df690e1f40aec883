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
package io.dra4j.bench.faults;

import io.dra4j.bench.load.AllocatedClaims;
import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.runtime.internal.proto.dra.v1.DRAPluginGrpc;
import io.dra4j.runtime.internal.proto.dra.v1.Device;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourceResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesRequest;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourcesRequest;
import io.dra4j.runtime.internal.sockets.CallGuard;
import io.dra4j.testkit.apiserver.FakeApiServer;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's side of the DRA socket for the campaign: prepare and unprepare one claim at a time
 * with the raw answer (a transport failure is an answer too), the check that an answer is the right
 * one for its claim, and calls whose body is not a valid request at all.
 */
final class Kubelet implements AutoCloseable {
  private static final long DEADLINE_SECONDS = 30;

  /**
   * One claim's answer: an error text, or devices; {@code transport} when the call itself failed.
   */
  record Answer(String error, List<Device> devices, boolean transport) {
    boolean ok() {
      return error.isEmpty() && !transport;
    }
  }

  private final ManagedChannel channel;

  Kubelet(Path socket) {
    channel =
        Grpc.newChannelBuilder("unix://" + socket, InsecureChannelCredentials.create()).build();
  }

  /** Claims {@code claim-NNN} in namespace {@code faults}, claim i allocated device i mod 16. */
  static List<Claim> createClaims(FakeApiServer api, int count) {
    return new AllocatedClaims(
            "faults", "neuron.aws.com", DriverNode.DRIVER, DriverNode.NODE, "claim-%03d")
        .create(api, count, Kubelet::device);
  }

  static String device(int claimIndex) {
    return "neurondevice" + (claimIndex % DriverNode.DEVICES);
  }

  Answer prepare(Claim claim) {
    try {
      NodePrepareResourceResponse r =
          stub()
              .nodePrepareResources(
                  NodePrepareResourcesRequest.newBuilder().addClaims(claim).build())
              .getClaimsOrThrow(claim.getUid());
      return new Answer(r.getError(), r.getDevicesList(), false);
    } catch (StatusRuntimeException | IllegalArgumentException e) {
      return new Answer(e.toString(), List.of(), true);
    }
  }

  Answer unprepare(Claim claim) {
    try {
      String error =
          stub()
              .nodeUnprepareResources(
                  NodeUnprepareResourcesRequest.newBuilder().addClaims(claim).build())
              .getClaimsOrThrow(claim.getUid())
              .getError();
      return new Answer(error, List.of(), false);
    } catch (StatusRuntimeException | IllegalArgumentException e) {
      return new Answer(e.toString(), List.of(), true);
    }
  }

  /**
   * Why a successful prepare answer is wrong for claim {@code index}, or empty: it must name the
   * claim's one device in the node's pool, with CDI ids of this claim that the spec file defines.
   */
  static String wrongness(Answer a, Claim claim, int index, Path cdiDir) {
    if (a.devices().size() != 1) {
      return a.devices().size() + " devices instead of 1";
    }
    Device d = a.devices().get(0);
    if (!d.getDeviceName().equals(device(index)) || !d.getPoolName().equals(DriverNode.NODE)) {
      return "device " + d.getPoolName() + "/" + d.getDeviceName() + " instead of " + device(index);
    }
    Path spec = spec(cdiDir, claim);
    String text;
    try {
      text = Files.readString(spec);
    } catch (IOException e) {
      return "no readable CDI spec " + spec + " (" + e.getClass().getSimpleName() + ")";
    }
    for (String id : d.getCdiDeviceIdsList()) {
      String name = id.substring(id.indexOf('=') + 1);
      if (!name.startsWith(claim.getUid()) || !text.contains("\"" + name + "\"")) {
        return "CDI id " + id + " is not defined for this claim in " + spec.getFileName();
      }
    }
    return d.getCdiDeviceIdsCount() == 0 ? "no CDI ids" : "";
  }

  static Path spec(Path cdiDir, Claim claim) {
    return cdiDir.resolve("k8s." + DriverNode.DRIVER + "-claim_" + claim.getUid() + ".json");
  }

  /**
   * Sends {@code body} as the request of v1 NodePrepareResources without encoding it: the driver
   * sees bytes that are not a valid message. Returns the gRPC status code name.
   */
  String malformed(byte[] body) {
    MethodDescriptor<byte[], byte[]> raw =
        DRAPluginGrpc.getNodePrepareResourcesMethod().toBuilder(CallGuard.BYTES, CallGuard.BYTES)
            .build();
    try {
      ClientCalls.blockingUnaryCall(
          channel,
          raw,
          CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS),
          body);
      return "OK";
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode().name();
    }
  }

  private DRAPluginGrpc.DRAPluginBlockingStub stub() {
    return DRAPluginGrpc.newBlockingStub(channel)
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
