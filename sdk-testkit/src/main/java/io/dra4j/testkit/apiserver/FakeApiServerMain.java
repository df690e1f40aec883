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
package io.dra4j.testkit.apiserver;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link FakeApiServer} standalone until interrupted: {@code --port <n>} (default 0, an
 * ephemeral port) and {@code --kubeconfig <file>} (a kubeconfig written for it, for kubectl).
 */
public final class FakeApiServerMain {
  private FakeApiServerMain() {}

  /** Entry point. */
  public static void main(String[] args) throws InterruptedException {
    int port = 0;
    Path kubeconfig = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if ((a.equals("--port") || a.equals("--kubeconfig")) && i + 1 >= args.length) {
        usage("missing value for " + a);
      }
      switch (a) {
        case "--port" -> port = parsePort(args[++i]);
        case "--kubeconfig" -> kubeconfig = Path.of(args[++i]);
        case "--help", "-h" -> usage("");
        default -> usage("unknown argument " + a);
      }
    }
    FakeApiServer server = FakeApiServer.start(port);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fake-apiserver-stop"));
    System.out.println("fake API server listening on " + server.url());
    if (kubeconfig != null) {
      server.writeKubeconfig(kubeconfig);
      System.out.println("kubeconfig written to " + kubeconfig.toAbsolutePath());
    }
    new CountDownLatch(1).await();
  }

  private static int parsePort(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      usage("--port must be a number, got '" + s + "'");
      return 0;
    }
  }

  private static void usage(String problem) {
    if (!problem.isEmpty()) {
      System.err.println(problem);
    }
    System.err.println("usage: FakeApiServerMain [--port <n>] [--kubeconfig <file>]");
    System.exit(problem.isEmpty() ? 0 : 2);
  }
}
