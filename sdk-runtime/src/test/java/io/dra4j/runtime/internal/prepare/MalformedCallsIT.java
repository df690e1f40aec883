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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.FakeKubelet;
import io.dra4j.runtime.NodeFixture;
import io.dra4j.runtime.TestProvider;
import io.dra4j.runtime.internal.logging.LogFormat;
import io.dra4j.runtime.internal.logging.RuntimeLogging;
import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.runtime.internal.proto.dra.v1.DRAPluginGrpc;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesRequest;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourcesRequest;
import io.dra4j.runtime.internal.sockets.BadCallLog;
import io.dra4j.runtime.internal.sockets.CallGuard;
import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Malformed kubelet calls over the real unix socket: each is answered INVALID_ARGUMENT, and a flood
 * of them costs a bounded number of log lines instead of a stack trace each.
 */
class MalformedCallsIT {
  /** A length-delimited field 1 that promises 5 bytes and ends after 1: not a valid message. */
  private static final byte[] TRUNCATED = {0x0a, 0x05, 0x01};

  private static final MethodDescriptor.Marshaller<byte[]> RAW = CallGuard.BYTES;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final NodeFixture node = new NodeFixture();
  private DriverRuntime runtime;
  private FakeKubelet kubelet;

  @BeforeEach
  void start() throws Exception {
    RuntimeLogging.configure(
        Level.INFO, LogFormat.TEXT, new PrintStream(log, true, StandardCharsets.UTF_8));
    runtime = node.runtime(new TestProvider()).build().start();
    kubelet = new FakeKubelet(runtime);
  }

  @AfterEach
  void tearDown() throws Exception {
    kubelet.close();
    runtime.close();
    node.close();
    RuntimeLogging.configure(Level.INFO, LogFormat.TEXT, System.err);
  }

  private Status rawCall(String fullMethod, byte[] body) {
    MethodDescriptor<byte[], byte[]> method =
        MethodDescriptor.<byte[], byte[]>newBuilder(RAW, RAW)
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(fullMethod)
            .build();
    try {
      ClientCalls.blockingUnaryCall(
          kubelet.service,
          method,
          CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
          body);
      return Status.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
  }

  private List<String> logLines() {
    return log.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static final String V1_PREPARE =
      DRAPluginGrpc.getNodePrepareResourcesMethod().getFullMethodName();
  private static final String V1_UNPREPARE =
      DRAPluginGrpc.getNodeUnprepareResourcesMethod().getFullMethodName();
  private static final String V1BETA1_PREPARE =
      io.dra4j.runtime.internal.proto.dra.v1beta1.DRAPluginGrpc.getNodePrepareResourcesMethod()
          .getFullMethodName();

  @Test
  void aRequestThatIsNotAProtobufMessageIsInvalidArgumentNamingTheMethod() {
    Status status = rawCall(V1_PREPARE, TRUNCATED);

    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).contains("NodePrepareResources");
    assertThat(rawCall(V1BETA1_PREPARE, TRUNCATED).getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(rawCall(V1_UNPREPARE, TRUNCATED).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
  }

  @Test
  void aClaimWithoutAUidIsInvalidArgumentForPrepareAndUnprepare() {
    Claim noUid = Claim.newBuilder().setNamespace("ns").setName("a").build();

    assertThatThrownBy(
            () ->
                kubelet
                    .v1(10)
                    .nodePrepareResources(
                        NodePrepareResourcesRequest.newBuilder().addClaims(noUid).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("uid");
            });
    assertThatThrownBy(
            () ->
                kubelet
                    .v1(10)
                    .nodeUnprepareResources(
                        NodeUnprepareResourcesRequest.newBuilder().addClaims(noUid).build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void aThousandMalformedCallsCostABoundedNumberOfLogLinesAndTheDriverStillServes() {
    int before = logLines().size();
    Claim noUid = Claim.newBuilder().setNamespace("ns").setName("a").build();
    byte[] emptyUid =
        NodePrepareResourcesRequest.newBuilder().addClaims(noUid).build().toByteArray();

    for (int i = 0; i < 1000; i++) {
      Status status = rawCall(V1_PREPARE, i % 2 == 0 ? TRUNCATED : emptyUid);
      assertThat(status.getCode()).as("call " + i).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    List<String> flood = logLines().subList(before, logLines().size());
    assertThat(flood.size()).as(String.join("\n", flood)).isLessThanOrEqualTo(25);
    assertThat(flood).allSatisfy(l -> assertThat(l).doesNotStartWith("\tat "));
    assertThat(flood.stream().filter(l -> l.contains("refused " + V1_PREPARE)))
        .as(String.join("\n", flood))
        .hasSizeBetween(1, BadCallLog.DEFAULT_PER_MINUTE * 2)
        .first()
        .asString()
        .contains("INVALID_ARGUMENT");

    ClaimRef ok = node.claims.allocate("ns", "ok", "uid-ok", TestProvider.DRIVER, "dev-0");
    assertThat(kubelet.prepare(ok).getClaimsOrThrow("uid-ok").getError()).isEmpty();
  }
}
