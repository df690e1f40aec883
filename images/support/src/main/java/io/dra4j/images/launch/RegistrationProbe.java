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
package io.dra4j.images.launch;

import io.dra4j.runtime.internal.proto.registration.InfoRequest;
import io.dra4j.runtime.internal.proto.registration.RegistrationGrpc;
import io.dra4j.runtime.internal.proto.registration.RegistrationStatus;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's plugin watcher side of registration, over a real unix socket: {@code GetInfo}, then
 * {@code NotifyRegistrationStatus}.
 */
public final class RegistrationProbe {
  private RegistrationProbe() {}

  /** Asks the plugin behind {@code socket} who it is, as the kubelet does (1 s deadline). */
  public static PluginInfo getInfo(Path socket) {
    ManagedChannel channel = channel(socket);
    try {
      io.dra4j.runtime.internal.proto.registration.PluginInfo info =
          RegistrationGrpc.newBlockingStub(channel)
              .withDeadlineAfter(1, TimeUnit.SECONDS)
              .getInfo(InfoRequest.getDefaultInstance());
      return new PluginInfo(
          info.getType(), info.getName(), info.getEndpoint(), info.getSupportedVersionsList());
    } finally {
      close(channel);
    }
  }

  /** Tells the plugin that the kubelet registered it. */
  public static void notifyRegistered(Path socket) {
    ManagedChannel channel = channel(socket);
    try {
      RegistrationGrpc.newBlockingStub(channel)
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .notifyRegistrationStatus(
              RegistrationStatus.newBuilder().setPluginRegistered(true).build());
    } finally {
      close(channel);
    }
  }

  private static ManagedChannel channel(Path socket) {
    return Grpc.newChannelBuilder(
            "unix://" + socket.toAbsolutePath(), InsecureChannelCredentials.create())
        .build();
  }

  private static void close(ManagedChannel channel) {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
