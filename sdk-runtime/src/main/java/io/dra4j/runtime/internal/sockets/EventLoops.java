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
package io.dra4j.runtime.internal.sockets;

import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Creates and stops the epoll event loop group behind the unix socket servers. Its threads are
 * daemon threads so a forgotten group never keeps the JVM alive; {@link #shutdown} still stops them
 * explicitly.
 */
public final class EventLoops {
  private EventLoops() {}

  /** An epoll event loop group with the given number of daemon threads. */
  public static EventLoopGroup epoll(int threads, String name) {
    return new MultiThreadIoEventLoopGroup(
        threads, new DefaultThreadFactory(name, true), EpollIoHandler.newFactory());
  }

  /** Shuts the group down and waits up to the timeout for its threads to end. */
  public static void shutdown(EventLoopGroup group, Duration timeout) {
    group
        .shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS)
        .awaitUninterruptibly(timeout.toMillis() + 1000);
  }
}
