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

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC server listening on one unix domain socket. A stale socket file is removed before
 * listening and the file is removed again on shutdown. The event loop group and the call executor
 * belong to the caller, who shuts them down after every server using them.
 */
public final class UnixGrpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(UnixGrpcServer.class);

  private final Path socket;
  private final Server server;

  private UnixGrpcServer(Path socket, Server server) {
    this.socket = socket;
    this.server = server;
  }

  /**
   * Starts serving the given services on a socket.
   *
   * @throws IOException when the socket cannot be bound; the message names the path
   */
  public static UnixGrpcServer start(
      Path socket,
      List<ServerServiceDefinition> services,
      EventLoopGroup group,
      Executor callExecutor)
      throws IOException {
    if (!SocketPaths.fits(socket)) {
      throw new IOException(
          "socket path "
              + socket
              + " must be shorter than "
              + SocketPaths.MAX_PATH_BYTES
              + " bytes");
    }
    if (Files.deleteIfExists(socket)) {
      LOG.info("removed stale socket {}", socket);
    }
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
            .channelType(EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(group)
            .workerEventLoopGroup(group)
            // Netty's default SO_KEEPALIVE child option does not apply to unix sockets and would
            // log a warning for every connection.
            .withChildOption(ChannelOption.SO_KEEPALIVE, null)
            .executor(callExecutor);
    // Malformed requests are INVALID_ARGUMENT and logged a few lines a minute, not a stack trace
    // each.
    BadCallLog badCalls = new BadCallLog();
    services.forEach(service -> builder.addService(CallGuard.guard(service, badCalls)));
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      throw new IOException("cannot listen on unix socket " + socket + ": " + e.getMessage(), e);
    }
    LOG.info("listening on {}", socket);
    return new UnixGrpcServer(socket, server);
  }

  /** The socket path. */
  public Path socket() {
    return socket;
  }

  /** Stops accepting new calls; calls in flight continue. */
  public void shutdown() {
    server.shutdown();
  }

  /**
   * Waits up to the timeout for calls in flight to finish, then cancels the rest and removes the
   * socket file.
   *
   * @return whether every call finished within the timeout
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    boolean finished = server.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      server.shutdownNow();
      server.awaitTermination(1, TimeUnit.SECONDS);
    }
    removeSocket();
    return finished;
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    removeSocket();
  }

  private void removeSocket() {
    try {
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      LOG.warn("cannot remove socket {}: {}", socket, e.toString());
    }
  }
}
