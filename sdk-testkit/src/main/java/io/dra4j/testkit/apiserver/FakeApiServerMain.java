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

import io.dra4j.runtime.logging.LogFormat;
import io.dra4j.runtime.logging.RuntimeLogging;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.event.Level;

/**
 * Runs a {@link FakeApiServer} standalone until interrupted: {@code --port <n>} (default 0, an
 * ephemeral port), {@code --kubeconfig <file>} (a kubeconfig written for it, for kubectl) and
 * {@code --resource-versions v1beta2,v1} (the served versions of resource.k8s.io, default v1).
 */
public final class FakeApiServerMain {
  private FakeApiServerMain() {}

  /** Entry point. */
  public static void main(String[] args) throws InterruptedException {
    // Run by hand, the class path has no SLF4J provider: log like the driver process does.
    RuntimeLogging.configure(Level.INFO, LogFormat.TEXT, System.err);
    int port = 0;
    Path kubeconfig = null;
    List<String> resourceVersions = List.of("v1");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      boolean valued =
          a.equals("--port") || a.equals("--kubeconfig") || a.equals("--resource-versions");
      if (valued && i + 1 >= args.length) {
        usage("missing value for " + a);
      }
      switch (a) {
        case "--port" -> port = parsePort(args[++i]);
        case "--kubeconfig" -> kubeconfig = Path.of(args[++i]);
        case "--resource-versions" ->
            resourceVersions =
                Arrays.stream(args[++i].split(","))
                    .map(String::trim)
                    .filter(v -> !v.isEmpty())
                    .toList();
        case "--help", "-h" -> usage("");
        default -> usage("unknown argument " + a);
      }
    }
    FakeApiServer server = FakeApiServer.start(port);
    try {
      server.servedResourceVersions(resourceVersions);
    } catch (IllegalArgumentException e) {
      server.close();
      usage(e.getMessage());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fake-apiserver-stop"));
    System.out.println(
        "fake API server listening on "
            + server.url()
            + " (resource.k8s.io "
            + String.join(", ", server.servedResourceVersions())
            + ")");
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
    System.err.println(
        "usage: FakeApiServerMain [--port <n>] [--kubeconfig <file>]"
            + " [--resource-versions v1beta2,v1]");
    System.exit(problem.isEmpty() ? 0 : 2);
  }
}
