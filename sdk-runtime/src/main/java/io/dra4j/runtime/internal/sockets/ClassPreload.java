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

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and initialises the gRPC server's classes (Netty's epoll transport and its native library,
 * HTTP/2, the kubelet services' protobuf messages) on a background thread while the driver process
 * does other start-up work, such as reaching the API server. On two cores this takes the socket
 * set-up off the path to registration. Only a head start: nothing waits for it, and a class that
 * fails here fails again, with its real error, where it is used.
 */
public final class ClassPreload {
  private static final Logger LOG = LoggerFactory.getLogger(ClassPreload.class);
  static final List<String> ROOTS =
      List.of(
          "io.grpc.netty.shaded.io.netty.channel.epoll.Epoll",
          "io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder",
          "io.grpc.netty.shaded.io.grpc.netty.NettyServerProvider",
          "io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2ConnectionEncoder",
          "io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2ConnectionDecoder",
          "io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel",
          "io.dra4j.runtime.internal.proto.dra.v1.DRAPluginGrpc",
          "io.dra4j.runtime.internal.proto.registration.RegistrationGrpc");

  private ClassPreload() {}

  /** Starts the background thread; returns at once. */
  public static void start() {
    Thread t = new Thread(ClassPreload::load, "dra4j-class-preload");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  private static void load() {
    ClassLoader loader = ClassPreload.class.getClassLoader();
    for (String name : ROOTS) {
      try {
        Class.forName(name, true, loader);
      } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
        LOG.debug("preloading {} failed: {}", name, e.toString());
      }
    }
  }
}
