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

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Puts a service behind the runtime's handling of bad calls. grpc-java answers a request that does
 * not parse, or a handler that throws, with {@code UNKNOWN} and logs a SEVERE stack trace per call;
 * here a request that does not parse is {@code INVALID_ARGUMENT} naming the method and the cause,
 * and every {@code INVALID_ARGUMENT} or unexpected failure is logged through {@link BadCallLog}.
 */
public final class CallGuard implements ServerInterceptor {

  /** Passes the request bytes through untouched; the service's own marshaller parses them here. */
  public static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private final BadCallLog log;

  private CallGuard(BadCallLog log) {
    this.log = log;
  }

  /** The service with its requests parsed and its failures answered and logged as above. */
  public static ServerServiceDefinition guard(ServerServiceDefinition service, BadCallLog log) {
    return ServerInterceptors.intercept(
        ServerInterceptors.useMarshalledMessages(service, BYTES), new CallGuard(log));
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    ServerCall<Q, R> watched =
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            record(method, status);
            super.close(status, trailers);
          }
        };
    return new SimpleForwardingServerCallListener<>(next.startCall(watched, headers)) {
      private boolean refused;

      @Override
      public void onMessage(Q message) {
        if (refused) {
          return;
        }
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          // Only parsing runs here for the runtime's services: the handlers run on half-close.
          refused = true;
          watched.close(
              Status.INVALID_ARGUMENT.withDescription(
                  "the request is not a valid " + method + " message: " + cause(e)),
              new Metadata());
        }
      }

      @Override
      public void onHalfClose() {
        if (refused) {
          return;
        }
        try {
          super.onHalfClose();
        } catch (RuntimeException e) {
          refused = true;
          watched.close(
              Status.INTERNAL.withDescription(method + " failed: " + e).withCause(e),
              new Metadata());
        }
      }
    };
  }

  private void record(String method, Status status) {
    switch (status.getCode()) {
      case INVALID_ARGUMENT -> log.refused(method, status.getDescription());
      case INTERNAL, UNKNOWN -> {
        if (status.getCause() != null) {
          log.failed(method, status.getCode().name(), status.getCause());
        }
      }
      default -> {
        // OK, deadlines, cancellations: nothing to report.
      }
    }
  }

  private static String cause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage();
    return msg == null ? root.getClass().getSimpleName() : msg;
  }
}
