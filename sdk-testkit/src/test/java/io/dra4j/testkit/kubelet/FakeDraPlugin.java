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

import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.runtime.internal.proto.dra.v1.DRAPluginGrpc;
import io.dra4j.runtime.internal.proto.dra.v1.Device;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourceResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesRequest;
import io.dra4j.runtime.internal.proto.dra.v1.NodePrepareResourcesResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourceResponse;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourcesRequest;
import io.dra4j.runtime.internal.proto.dra.v1.NodeUnprepareResourcesResponse;
import io.dra4j.runtime.internal.proto.health.v1alpha1.DRAResourceHealthGrpc;
import io.dra4j.runtime.internal.proto.health.v1alpha1.DeviceHealth;
import io.dra4j.runtime.internal.proto.health.v1alpha1.DeviceIdentifier;
import io.dra4j.runtime.internal.proto.health.v1alpha1.HealthStatus;
import io.dra4j.runtime.internal.proto.health.v1alpha1.NodeWatchResourcesRequest;
import io.dra4j.runtime.internal.proto.health.v1alpha1.NodeWatchResourcesResponse;
import io.dra4j.runtime.internal.proto.registration.InfoRequest;
import io.dra4j.runtime.internal.proto.registration.PluginInfo;
import io.dra4j.runtime.internal.proto.registration.RegistrationGrpc;
import io.dra4j.runtime.internal.proto.registration.RegistrationStatus;
import io.dra4j.runtime.internal.proto.registration.RegistrationStatusResponse;
import io.dra4j.runtime.internal.sockets.EventLoops;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A DRA plugin for tests: a registration server and a DRA server (v1, v1beta1 and the v1alpha1
 * health service) on real unix sockets, with switches to misbehave.
 */
final class FakeDraPlugin implements AutoCloseable {

  /** One NodePrepareResources or NodeUnprepareResources call the plugin received. */
  record Call(String service, List<String> claimUids) {}

  /** What the plugin answers for one claim; a null device list means "leave the claim out". */
  record Answer(List<Device> devices, String error) {
    static Answer devices(Device... devices) {
      return new Answer(List.of(devices), "");
    }

    static Answer error(String error) {
      return new Answer(List.of(), error);
    }

    static Answer leftOut() {
      return new Answer(null, "");
    }
  }

  final String driver;
  final Path registrationSocket;
  final Path serviceSocket;
  private List<String> versions = List.of("v1.DRAPlugin", "v1beta1.DRAPlugin");
  private String type = "DRAPlugin";
  private int slowGetInfoCalls;
  private Duration getInfoDelay = Duration.ZERO;
  private Function<Claim, Answer> prepare = FakeDraPlugin::oneDevicePerClaim;
  private final Map<String, Answer> extraAnswers = new LinkedHashMap<>();
  private Status prepareFailure;
  private Duration prepareDelay = Duration.ZERO;
  private final AtomicInteger getInfoCalls = new AtomicInteger();
  final List<RegistrationStatus> notifications = new CopyOnWriteArrayList<>();
  final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<StreamObserver<NodeWatchResourcesResponse>> healthWatchers =
      new CopyOnWriteArrayList<>();
  private final List<
          StreamObserver<io.dra4j.runtime.internal.proto.health.v1.NodeWatchResourcesResponse>>
      healthV1Watchers = new CopyOnWriteArrayList<>();
  private Function<Claim, String> unprepare = claim -> "";
  private EventLoopGroup group;
  private Server registrationServer;
  private Server serviceServer;

  FakeDraPlugin(String driver, Path registrationSocket, Path serviceSocket) {
    this.driver = driver;
    this.registrationSocket = registrationSocket;
    this.serviceSocket = serviceSocket;
  }

  /** A device named after the claim with one CDI ID {@code example.com/gpu=<uid>-0}. */
  static Answer oneDevicePerClaim(Claim claim) {
    return Answer.devices(
        Device.newBuilder()
            .setPoolName("pool-a")
            .setDeviceName("dev-" + claim.getName())
            .addCdiDeviceIds("example.com/gpu=" + claim.getUid() + "-0")
            .build());
  }

  FakeDraPlugin versions(String... versions) {
    this.versions = List.of(versions);
    return this;
  }

  FakeDraPlugin type(String type) {
    this.type = type;
    return this;
  }

  FakeDraPlugin slowGetInfo(int calls, Duration delay) {
    this.slowGetInfoCalls = calls;
    this.getInfoDelay = delay;
    return this;
  }

  FakeDraPlugin onPrepare(Function<Claim, Answer> prepare) {
    this.prepare = prepare;
    return this;
  }

  /** Adds an answer for a claim UID the kubelet did not ask about. */
  FakeDraPlugin extraAnswer(String claimUid, Answer answer) {
    extraAnswers.put(claimUid, answer);
    return this;
  }

  /** Answers NodePrepareResources only after the delay. */
  FakeDraPlugin slowPrepare(Duration delay) {
    this.prepareDelay = delay;
    return this;
  }

  FakeDraPlugin failPrepare(Status status) {
    this.prepareFailure = status;
    return this;
  }

  int getInfoCalls() {
    return getInfoCalls.get();
  }

  List<Call> calls(String service) {
    return calls.stream().filter(c -> c.service().equals(service)).toList();
  }

  FakeDraPlugin start() throws IOException {
    group = newGroup();
    serviceServer =
        serve(serviceSocket, new DraV1(), new DraV1beta1(), new HealthV1alpha1(), new HealthV1());
    registrationServer = serve(registrationSocket, new Registration());
    return this;
  }

  /** Serves only the registration socket, announcing a service socket someone else serves. */
  FakeDraPlugin startRegistrationOnly() throws IOException {
    group = newGroup();
    registrationServer = serve(registrationSocket, new Registration());
    return this;
  }

  private EventLoopGroup newGroup() {
    return EventLoops.epoll(1, "fake-plugin-" + driver);
  }

  private Server serve(Path socket, BindableService... services) throws IOException {
    Files.createDirectories(socket.getParent());
    Files.deleteIfExists(socket);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(group)
            .workerEventLoopGroup(group)
            .withChildOption(ChannelOption.SO_KEEPALIVE, null);
    for (BindableService s : services) {
      builder.addService(s);
    }
    return builder.build().start();
  }

  /** Sends one health message to every open stream. */
  void sendHealth(String pool, String device, HealthStatus status, long timeoutSeconds) {
    NodeWatchResourcesResponse message =
        NodeWatchResourcesResponse.newBuilder()
            .addDevices(
                DeviceHealth.newBuilder()
                    .setDevice(
                        DeviceIdentifier.newBuilder().setPoolName(pool).setDeviceName(device))
                    .setHealth(status)
                    .setLastUpdatedTime(1)
                    .setHealthCheckTimeoutSeconds(timeoutSeconds))
            .build();
    healthWatchers.forEach(w -> w.onNext(message));
    try {
      // The v1 messages are the v1alpha1 messages on the wire.
      var v1 =
          io.dra4j.runtime.internal.proto.health.v1.NodeWatchResourcesResponse.parseFrom(
              message.toByteString());
      healthV1Watchers.forEach(w -> w.onNext(v1));
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  int healthStreams() {
    return healthWatchers.size();
  }

  int healthV1Streams() {
    return healthV1Watchers.size();
  }

  /** Sets the per-claim unprepare error ("" for success). */
  FakeDraPlugin onUnprepare(Function<Claim, String> unprepare) {
    this.unprepare = unprepare;
    return this;
  }

  /** Ends every open health stream. */
  void endHealthStreams() {
    List<StreamObserver<NodeWatchResourcesResponse>> open = new ArrayList<>(healthWatchers);
    healthWatchers.clear();
    open.forEach(StreamObserver::onCompleted);
  }

  /** Stops both servers and removes the sockets, like a plugin that shuts down. */
  @Override
  public void close() throws IOException {
    for (Server s : new Server[] {registrationServer, serviceServer}) {
      if (s != null) {
        s.shutdownNow();
        try {
          s.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    if (group != null) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(registrationSocket);
    if (serviceServer != null) {
      Files.deleteIfExists(serviceSocket);
    }
  }

  private final class Registration extends RegistrationGrpc.RegistrationImplBase {
    @Override
    public void getInfo(InfoRequest request, StreamObserver<PluginInfo> response) {
      if (getInfoCalls.incrementAndGet() <= slowGetInfoCalls) {
        try {
          Thread.sleep(getInfoDelay.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      response.onNext(
          PluginInfo.newBuilder()
              .setType(type)
              .setName(driver)
              .setEndpoint(serviceSocket.toString())
              .addAllSupportedVersions(versions)
              .build());
      response.onCompleted();
    }

    @Override
    public void notifyRegistrationStatus(
        RegistrationStatus request, StreamObserver<RegistrationStatusResponse> response) {
      notifications.add(request);
      response.onNext(RegistrationStatusResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  private Map<String, Answer> answers(List<Claim> claims) {
    Map<String, Answer> answers = new LinkedHashMap<>();
    for (Claim claim : claims) {
      Answer a = prepare.apply(claim);
      if (a.devices() != null) {
        answers.put(claim.getUid(), a);
      }
    }
    answers.putAll(extraAnswers);
    return answers;
  }

  private final class DraV1 extends DRAPluginGrpc.DRAPluginImplBase {
    @Override
    public void nodePrepareResources(
        NodePrepareResourcesRequest request,
        StreamObserver<NodePrepareResourcesResponse> response) {
      calls.add(
          new Call("v1.prepare", request.getClaimsList().stream().map(Claim::getUid).toList()));
      try {
        Thread.sleep(prepareDelay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (prepareFailure != null) {
        response.onError(prepareFailure.asRuntimeException());
        return;
      }
      NodePrepareResourcesResponse.Builder out = NodePrepareResourcesResponse.newBuilder();
      answers(request.getClaimsList())
          .forEach(
              (uid, a) ->
                  out.putClaims(
                      uid,
                      NodePrepareResourceResponse.newBuilder()
                          .addAllDevices(a.devices())
                          .setError(a.error())
                          .build()));
      response.onNext(out.build());
      response.onCompleted();
    }

    @Override
    public void nodeUnprepareResources(
        NodeUnprepareResourcesRequest request,
        StreamObserver<NodeUnprepareResourcesResponse> response) {
      calls.add(
          new Call("v1.unprepare", request.getClaimsList().stream().map(Claim::getUid).toList()));
      NodeUnprepareResourcesResponse.Builder out = NodeUnprepareResourcesResponse.newBuilder();
      request
          .getClaimsList()
          .forEach(
              c ->
                  out.putClaims(
                      c.getUid(),
                      NodeUnprepareResourceResponse.newBuilder()
                          .setError(unprepare.apply(c))
                          .build()));
      response.onNext(out.build());
      response.onCompleted();
    }
  }

  private final class DraV1beta1
      extends io.dra4j.runtime.internal.proto.dra.v1beta1.DRAPluginGrpc.DRAPluginImplBase {
    @Override
    public void nodePrepareResources(
        io.dra4j.runtime.internal.proto.dra.v1beta1.NodePrepareResourcesRequest request,
        StreamObserver<io.dra4j.runtime.internal.proto.dra.v1beta1.NodePrepareResourcesResponse>
            response) {
      List<Claim> claims =
          request.getClaimsList().stream()
              .map(
                  c ->
                      Claim.newBuilder()
                          .setNamespace(c.getNamespace())
                          .setName(c.getName())
                          .setUid(c.getUid())
                          .build())
              .toList();
      calls.add(new Call("v1beta1.prepare", claims.stream().map(Claim::getUid).toList()));
      var out =
          io.dra4j.runtime.internal.proto.dra.v1beta1.NodePrepareResourcesResponse.newBuilder();
      answers(claims)
          .forEach(
              (uid, a) -> {
                var claimOut =
                    io.dra4j.runtime.internal.proto.dra.v1beta1.NodePrepareResourceResponse
                        .newBuilder()
                        .setError(a.error());
                for (Device d : a.devices()) {
                  claimOut.addDevices(
                      io.dra4j.runtime.internal.proto.dra.v1beta1.Device.newBuilder()
                          .setPoolName(d.getPoolName())
                          .setDeviceName(d.getDeviceName())
                          .addAllRequestNames(d.getRequestNamesList())
                          .addAllCdiDeviceIds(d.getCdiDeviceIdsList()));
                }
                out.putClaims(uid, claimOut.build());
              });
      response.onNext(out.build());
      response.onCompleted();
    }

    @Override
    public void nodeUnprepareResources(
        io.dra4j.runtime.internal.proto.dra.v1beta1.NodeUnprepareResourcesRequest request,
        StreamObserver<io.dra4j.runtime.internal.proto.dra.v1beta1.NodeUnprepareResourcesResponse>
            response) {
      calls.add(
          new Call(
              "v1beta1.unprepare",
              request.getClaimsList().stream()
                  .map(io.dra4j.runtime.internal.proto.dra.v1beta1.Claim::getUid)
                  .toList()));
      var out =
          io.dra4j.runtime.internal.proto.dra.v1beta1.NodeUnprepareResourcesResponse.newBuilder();
      request
          .getClaimsList()
          .forEach(
              c ->
                  out.putClaims(
                      c.getUid(),
                      io.dra4j.runtime.internal.proto.dra.v1beta1.NodeUnprepareResourceResponse
                          .getDefaultInstance()));
      response.onNext(out.build());
      response.onCompleted();
    }
  }

  /** Keeps a health stream open until the kubelet cancels it. */
  private static <T> void keepOpen(List<StreamObserver<T>> watchers, StreamObserver<T> stream) {
    watchers.add(stream);
    ((ServerCallStreamObserver<T>) stream).setOnCancelHandler(() -> watchers.remove(stream));
  }

  private final class HealthV1alpha1 extends DRAResourceHealthGrpc.DRAResourceHealthImplBase {
    @Override
    public void nodeWatchResources(
        NodeWatchResourcesRequest request, StreamObserver<NodeWatchResourcesResponse> response) {
      keepOpen(healthWatchers, response);
    }
  }

  private final class HealthV1
      extends io.dra4j.runtime.internal.proto.health.v1.DRAResourceHealthGrpc
          .DRAResourceHealthImplBase {
    @Override
    public void nodeWatchResources(
        io.dra4j.runtime.internal.proto.health.v1.NodeWatchResourcesRequest request,
        StreamObserver<io.dra4j.runtime.internal.proto.health.v1.NodeWatchResourcesResponse>
            response) {
      keepOpen(healthV1Watchers, response);
    }
  }
}
