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
package io.dra4j.runtime.internal.prepare;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import io.dra4j.runtime.internal.metrics.RuntimeMetrics;
import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.runtime.internal.proto.dra.v1.DRAPluginGrpc;
import io.dra4j.runtime.internal.proto.dra.v1.Device;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourceResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesRequest;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourceResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourcesRequest;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourcesResponse;
import io.dra4j.runtime.internal.proto.dra.v1beta1.DRAPluginGrpc.DRAPluginImplBase;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The kubelet's DRA node services, {@code v1.DRAPlugin} and {@code v1beta1.DRAPlugin}. v1 maps its
 * messages onto {@link ClaimRequest} and {@link ClaimAnswer} and runs them through {@link
 * ClaimBatches}; v1beta1, which has the same wire format without the share ID, is served by the
 * same code. Per-claim problems are answered in the claim's {@code error}, never as an RPC error; a
 * call that arrives before the provider has started waits for it at the {@link StartGate}.
 */
public final class DraServices {
  private DraServices() {}

  /** Both versions of the DRA node service; calls go through once {@code started} is open. */
  public static List<BindableService> of(
      ClaimBatches batches, StartGate started, RuntimeMetrics metrics) {
    V1 v1 = new V1(batches, started, metrics);
    return List.of(v1, new V1beta1(v1, metrics));
  }

  private static Deadline callDeadline() {
    Deadline deadline = Context.current().getDeadline();
    return deadline != null
        ? deadline
        : Deadline.after(ClaimBatches.KUBELET_CALL_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Runs one call, records its latency and answers a refused request with its status and an
   * unexpected failure with INTERNAL. Neither is logged here: the socket's call guard logs them,
   * rate-limited, so a flood of bad calls cannot flood the log.
   */
  private static <R> void serve(
      String method, RuntimeMetrics metrics, StreamObserver<R> observer, Supplier<R> call) {
    long start = System.nanoTime();
    String result = Status.Code.OK.name();
    try {
      R response = call.get();
      observer.onNext(response);
      observer.onCompleted();
    } catch (StatusRuntimeException e) {
      result = e.getStatus().getCode().name();
      observer.onError(e);
    } catch (RuntimeException e) {
      result = Status.Code.INTERNAL.name();
      observer.onError(
          Status.INTERNAL
              .withDescription(method + " failed: " + e)
              .withCause(e)
              .asRuntimeException());
    } finally {
      metrics.recordRpc(method, result, java.time.Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /**
   * The claims of a request. A claim without a UID cannot be answered (the response is keyed by
   * UID), so it refuses the whole call; a missing namespace or name is that claim's error.
   */
  private static List<ClaimRequest> requests(List<Claim> claims) {
    for (int i = 0; i < claims.size(); i++) {
      Claim c = claims.get(i);
      if (c.getUid().isEmpty()) {
        throw Status.INVALID_ARGUMENT
            .withDescription(
                "claims["
                    + i
                    + "] ("
                    + c.getNamespace()
                    + "/"
                    + c.getName()
                    + ") has an empty uid; the response is keyed by claim uid, so every claim"
                    + " needs one (the kubelet always sends it)")
            .asRuntimeException();
      }
    }
    return claims.stream()
        .map(c -> new ClaimRequest(c.getNamespace(), c.getName(), c.getUid()))
        .toList();
  }

  /** Re-reads a message as the other API version's type; v1 and v1beta1 share the wire format. */
  private static <T> T convert(MessageLite from, Parser<T> to) {
    try {
      return to.parseFrom(from.toByteString());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("v1 and v1beta1 DRA messages must be wire-compatible", e);
    }
  }

  private static final class V1 extends DRAPluginGrpc.DRAPluginImplBase {
    private final ClaimBatches batches;
    private final StartGate started;
    private final RuntimeMetrics metrics;

    V1(ClaimBatches batches, StartGate started, RuntimeMetrics metrics) {
      this.batches = batches;
      this.started = started;
      this.metrics = metrics;
    }

    NodePrepareResourcesResponse prepare(NodePrepareResourcesRequest request) {
      List<ClaimRequest> claims = requests(request.getClaimsList());
      Deadline deadline = callDeadline();
      started.await("NodePrepareResources", deadline);
      Map<String, ClaimAnswer> answers = batches.prepare(claims, deadline);
      NodePrepareResourcesResponse.Builder out = NodePrepareResourcesResponse.newBuilder();
      answers.forEach(
          (uid, answer) -> {
            NodePrepareResourceResponse.Builder claim = NodePrepareResourceResponse.newBuilder();
            answer.error().map(ClaimError::text).ifPresent(claim::setError);
            for (DeviceAnswer d : answer.devices()) {
              Device.Builder device =
                  claim
                      .addDevicesBuilder()
                      .addAllRequestNames(d.requestNames())
                      .setPoolName(d.pool())
                      .setDeviceName(d.device())
                      .addAllCdiDeviceIds(d.cdiDeviceIds());
              d.shareId().ifPresent(device::setShareId);
            }
            out.putClaims(uid, claim.build());
          });
      return out.build();
    }

    NodeUnprepareResourcesResponse unprepare(NodeUnprepareResourcesRequest request) {
      List<ClaimRequest> claims = requests(request.getClaimsList());
      Deadline deadline = callDeadline();
      started.await("NodeUnprepareResources", deadline);
      Map<String, ClaimAnswer> answers = batches.unprepare(claims, deadline);
      NodeUnprepareResourcesResponse.Builder out = NodeUnprepareResourcesResponse.newBuilder();
      answers.forEach(
          (uid, answer) -> {
            NodeUnprepareResourceResponse.Builder claim =
                NodeUnprepareResourceResponse.newBuilder();
            answer.error().map(ClaimError::text).ifPresent(claim::setError);
            out.putClaims(uid, claim.build());
          });
      return out.build();
    }

    @Override
    public void nodePrepareResources(
        NodePrepareResourcesRequest request,
        StreamObserver<NodePrepareResourcesResponse> response) {
      serve("v1.NodePrepareResources", metrics, response, () -> prepare(request));
    }

    @Override
    public void nodeUnprepareResources(
        NodeUnprepareResourcesRequest request,
        StreamObserver<NodeUnprepareResourcesResponse> response) {
      serve("v1.NodeUnprepareResources", metrics, response, () -> unprepare(request));
    }
  }

  /** Serves v1beta1 through the v1 logic; v1beta1 lacks only the share ID, which is dropped. */
  private static final class V1beta1 extends DRAPluginImplBase {
    private final V1 v1;
    private final RuntimeMetrics metrics;

    V1beta1(V1 v1, RuntimeMetrics metrics) {
      this.v1 = v1;
      this.metrics = metrics;
    }

    @Override
    public void nodePrepareResources(
        io.dra4j.runtime.internal.proto.dra.v1beta1.NodePrepareResourcesRequest request,
        StreamObserver<io.dra4j.runtime.internal.proto.dra.v1beta1.NodePrepareResourcesResponse>
            response) {
      serve(
          "v1beta1.NodePrepareResources",
          metrics,
          response,
          () -> {
            NodePrepareResourcesResponse.Builder answer =
                v1.prepare(convert(request, NodePrepareResourcesRequest.parser())).toBuilder();
            for (String uid : answer.getClaimsMap().keySet()) {
              NodePrepareResourceResponse.Builder claim = answer.getClaimsOrThrow(uid).toBuilder();
              claim.getDevicesBuilderList().forEach(Device.Builder::clearShareId);
              answer.putClaims(uid, claim.build());
            }
            return convert(
                answer.build(),
                io.dra4j.runtime.internal.proto.dra.v1beta1.NodePrepareResourcesResponse.parser());
          });
    }

    @Override
    public void nodeUnprepareResources(
        io.dra4j.runtime.internal.proto.dra.v1beta1.NodeUnprepareResourcesRequest request,
        StreamObserver<io.dra4j.runtime.internal.proto.dra.v1beta1.NodeUnprepareResourcesResponse>
            response) {
      serve(
          "v1beta1.NodeUnprepareResources",
          metrics,
          response,
          () ->
              convert(
                  v1.unprepare(convert(request, NodeUnprepareResourcesRequest.parser())),
                  io.dra4j.runtime.internal.proto.dra.v1beta1.NodeUnprepareResourcesResponse
                      .parser()));
    }
  }
}
