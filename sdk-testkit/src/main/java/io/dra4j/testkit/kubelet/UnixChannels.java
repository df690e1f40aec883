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

import io.dra4j.runtime.internal.sockets.EventLoops;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/** Insecure gRPC channels to unix sockets on one daemon event loop owned by the kubelet. */
final class UnixChannels implements AutoCloseable {
  private final EventLoopGroup group = EventLoops.epoll(1, "kubelet-grpc");

  ManagedChannel open(Path socket) {
    return NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .channelType(EpollDomainSocketChannel.class)
        .eventLoopGroup(group)
        .usePlaintext()
        // TCP keepalive means nothing on a unix socket; without this Netty warns per connection.
        .withOption(ChannelOption.SO_KEEPALIVE, null)
        .build();
  }

  /** Closes every channel's connection and waits for the event loop's thread to end. */
  @Override
  public void close() {
    EventLoops.shutdown(group, Duration.ofSeconds(1));
  }
}
