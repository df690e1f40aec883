package io.dra4j.runtime.sockets;

import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Creates and stops the epoll event loop group behind the unix socket servers. Its threads are
 * daemon threads so a forgotten group never keeps the JVM alive; {@link #shutdown} still stops
 * them explicitly.
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
