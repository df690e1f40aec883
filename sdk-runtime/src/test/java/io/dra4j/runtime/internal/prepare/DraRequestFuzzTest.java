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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.protobuf.InvalidProtocolBufferException;
import io.dra4j.runtime.InMemoryClaimLookup;
import io.dra4j.runtime.TestProvider;
import io.dra4j.runtime.internal.metrics.RuntimeMetrics;
import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.runtime.internal.proto.dra.v1.DRAPluginGrpc;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourceResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesRequest;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourcesRequest;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourcesResponse;
import io.grpc.BindableService;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property tests of the kubelet's DRA requests as the driver receives them: arbitrary bytes are
 * parsed as v1 and v1beta1 messages (a parse fails only with {@link
 * InvalidProtocolBufferException}), and whatever parses goes through the runtime's services. Every
 * call answers (no gRPC error), within a bounded time, with one answer per claim uid; an error
 * names its reason and says what is wrong; a success is given only to the one allocated claim.
 */
class DraRequestFuzzTest {
  private static final Duration PER_TRY = Duration.ofSeconds(20);
  private static final String NS = "ns";
  private static final String NAME = "a";
  private static final String UID = "uid-a";

  private static Path dir;
  private static ExecutorService workers;
  private static DRAPluginGrpc.DRAPluginImplBase v1;
  private static io.dra4j.runtime.internal.proto.dra.v1beta1.DRAPluginGrpc.DRAPluginImplBase
      v1beta1;

  @BeforeContainer
  static void services() throws IOException {
    dir = Files.createTempDirectory("dra-fuzz");
    InMemoryClaimLookup lookup = new InMemoryClaimLookup();
    lookup.allocate(NS, NAME, UID, TestProvider.DRIVER, "dev0");
    workers = Executors.newFixedThreadPool(4);
    ClaimBatches batches =
        new ClaimBatches(
            TestProvider.DRIVER,
            ClaimPreparerTest.preparer(dir, new TestProvider(), lookup),
            workers,
            Optional.empty(),
            new RuntimeMetrics(TestProvider.DRIVER, ClaimError.Reason.labels()));
    StartGate started = new StartGate(TestProvider.DRIVER, StartGate.DEFAULT_WAIT);
    started.open();
    List<BindableService> services =
        DraServices.of(
            batches, started, new RuntimeMetrics(TestProvider.DRIVER, ClaimError.Reason.labels()));
    v1 = (DRAPluginGrpc.DRAPluginImplBase) services.get(0);
    v1beta1 =
        (io.dra4j.runtime.internal.proto.dra.v1beta1.DRAPluginGrpc.DRAPluginImplBase)
            services.get(1);
  }

  @AfterContainer
  static void stop() throws IOException {
    workers.shutdownNow();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Property
  void arbitraryBytesParseOrFailWithTheProtobufExceptionAndParsedRequestsAreAnswered(
      @ForAll("bytes") byte[] bytes) {
    assertTimeoutPreemptively(PER_TRY, () -> serveBytes(bytes));
  }

  @Property
  void mutatedWellFormedRequestsAreAnsweredClaimByClaim(@ForAll("mutated") byte[] bytes) {
    assertTimeoutPreemptively(PER_TRY, () -> serveBytes(bytes));
  }

  private static void serveBytes(byte[] bytes) {
    NodePrepareResourcesRequest prepare;
    try {
      prepare = NodePrepareResourcesRequest.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      assertThat(e.getMessage()).isNotBlank();
      assertV1beta1Refuses(bytes);
      return;
    }
    Recorder<NodePrepareResourcesResponse> prepared = new Recorder<>();
    v1.nodePrepareResources(prepare, prepared);
    if (hasEmptyUid(prepare.getClaimsList())) {
      // The response is keyed by uid: such a call is refused as a whole.
      prepared.refusedAsInvalid();
    } else {
      checkPrepare(prepare.getClaimsList(), prepared.answer().getClaimsMap());

      io.dra4j.runtime.internal.proto.dra.v1beta1.NodePrepareResourcesRequest beta =
          parseBeta(bytes);
      Recorder<io.dra4j.runtime.internal.proto.dra.v1beta1.NodePrepareResourcesResponse> betaOut =
          new Recorder<>();
      v1beta1.nodePrepareResources(beta, betaOut);
      assertThat(betaOut.answer().getClaimsMap().keySet())
          .isEqualTo(prepared.answer().getClaimsMap().keySet());
    }

    NodeUnprepareResourcesRequest unprepare = parseUnprepare(bytes);
    Recorder<NodeUnprepareResourcesResponse> unprepared = new Recorder<>();
    v1.nodeUnprepareResources(unprepare, unprepared);
    if (hasEmptyUid(unprepare.getClaimsList())) {
      unprepared.refusedAsInvalid();
      return;
    }
    assertThat(unprepared.answer().getClaimsMap().keySet())
        .isEqualTo(uids(unprepare.getClaimsList()));
    unprepared.answer().getClaimsMap().values().forEach(a -> checkError(a.getError()));
  }

  private static boolean hasEmptyUid(List<Claim> claims) {
    return claims.stream().anyMatch(c -> c.getUid().isEmpty());
  }

  private static void checkPrepare(
      List<Claim> claims, Map<String, NodePrepareResourceResponse> answers) {
    assertThat(answers.keySet()).isEqualTo(uids(claims));
    answers.forEach(
        (uid, answer) -> {
          if (answer.getError().isEmpty()) {
            assertThat(uid).as("only the allocated claim is prepared").isEqualTo(UID);
            assertThat(claims)
                .as("a claim with uid %s asked as %s/%s", UID, NS, NAME)
                .anyMatch(
                    c ->
                        c.getUid().equals(UID)
                            && c.getNamespace().equals(NS)
                            && c.getName().equals(NAME));
            assertThat(answer.getDevicesList())
                .singleElement()
                .satisfies(d -> assertThat(d.getDeviceName()).isEqualTo("dev0"));
          } else {
            checkError(answer.getError());
          }
        });
  }

  /** {@code REASON: message}, with a message that says something. */
  private static void checkError(String error) {
    if (!error.isEmpty()) {
      assertThat(error).matches("(?s)[A-Z_]+: .{10,}");
    }
  }

  private static java.util.Set<String> uids(List<Claim> claims) {
    java.util.Set<String> out = new java.util.HashSet<>();
    claims.forEach(c -> out.add(c.getUid()));
    return out;
  }

  private static void assertV1beta1Refuses(byte[] bytes) {
    try {
      io.dra4j.runtime.internal.proto.dra.v1beta1.NodePrepareResourcesRequest.parseFrom(bytes);
      throw new AssertionError("v1 refused bytes that v1beta1 parses: the formats must agree");
    } catch (InvalidProtocolBufferException e) {
      assertThat(e.getMessage()).isNotBlank();
    }
  }

  private static io.dra4j.runtime.internal.proto.dra.v1beta1.NodePrepareResourcesRequest parseBeta(
      byte[] bytes) {
    try {
      return io.dra4j.runtime.internal.proto.dra.v1beta1.NodePrepareResourcesRequest.parseFrom(
          bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("v1 parsed bytes that v1beta1 refuses: " + e.getMessage(), e);
    }
  }

  private static NodeUnprepareResourcesRequest parseUnprepare(byte[] bytes) {
    try {
      return NodeUnprepareResourcesRequest.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("prepare and unprepare requests share their format", e);
    }
  }

  /** Collects a unary call's outcome; a gRPC error fails the property. */
  private static final class Recorder<T> implements StreamObserver<T> {
    private final List<T> values = new ArrayList<>();
    private Throwable error;
    private boolean completed;

    @Override
    public void onNext(T value) {
      values.add(value);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onCompleted() {
      completed = true;
    }

    void refusedAsInvalid() {
      assertThat(values).isEmpty();
      assertThat(io.grpc.Status.fromThrowable(error).getCode())
          .isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
      assertThat(error.getMessage()).contains("empty uid");
    }

    T answer() {
      assertThat(error).as("the call failed instead of answering claim by claim").isNull();
      assertThat(completed).isTrue();
      assertThat(values).hasSize(1);
      return values.get(0);
    }
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
  }

  /** Well-formed requests with odd strings, then a few bytes flipped, cut or appended. */
  @Provide
  Arbitrary<byte[]> mutated() {
    Arbitrary<String> text =
        Arbitraries.oneOf(
            Arbitraries.of("", NS, NAME, UID, "uid-b", "../../etc", "a/b", "\u0000"),
            Arbitraries.strings().all().ofMaxLength(30),
            Arbitraries.strings().ofMinLength(1000).ofMaxLength(5000));
    Arbitrary<Claim> claim =
        Combinators.combine(text, text, text)
            .as((ns, n, u) -> Claim.newBuilder().setNamespace(ns).setName(n).setUid(u).build());
    Arbitrary<byte[]> wellFormed =
        claim
            .list()
            .ofMaxSize(6)
            .map(
                l ->
                    NodePrepareResourcesRequest.newBuilder().addAllClaims(l).build().toByteArray());
    return Combinators.combine(
            wellFormed,
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 10_000),
            Arbitraries.bytes())
        .as(DraRequestFuzzTest::mutate);
  }

  private static byte[] mutate(byte[] in, int how, int at, byte value) {
    if (in.length == 0) {
      return new byte[] {value};
    }
    byte[] out = in.clone();
    int i = at % in.length;
    switch (how) {
      case 0 -> out[i] = value;
      case 1 -> out[i] ^= (byte) (1 << (at % 8));
      case 2 -> out = java.util.Arrays.copyOf(in, i);
      default -> {
        out = java.util.Arrays.copyOf(in, in.length + 1);
        out[in.length] = value;
      }
    }
    return out;
  }
}
