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
package io.dra4j.runtime.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class MetricsServerIT {

  @Test
  void metricsThatCannotBeRenderedAnswer500NamingTheCause() throws Exception {
    try (MetricsServer server =
        MetricsServer.start(
            ListenAddress.parse("127.0.0.1"),
            0,
            () -> {
              throw new IllegalStateException("checkpoint unreadable");
            },
            () -> true,
            () -> "")) {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.address().getPort() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).contains("cannot render the metrics", "checkpoint unreadable");
    }
  }

  @Test
  void theServerListensOnlyOnItsBindAddress() throws Exception {
    try (MetricsServer server =
        MetricsServer.start(ListenAddress.parse("127.0.0.1"), 0, () -> "", () -> true, () -> "")) {
      assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
      InetAddress other = nonLoopbackAddress();
      Assumptions.assumeTrue(other != null, "this machine has no non-loopback IPv4 address");
      try (Socket s = new Socket()) {
        assertThatThrownBy(
                () -> s.connect(new InetSocketAddress(other, server.address().getPort()), 2000))
            .isInstanceOf(IOException.class);
      }
    }
  }

  private static InetAddress nonLoopbackAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          return a;
        }
      }
    }
    return null;
  }
}
