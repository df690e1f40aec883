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

import io.dra4j.runtime.internal.cli.Flags;
import io.dra4j.runtime.internal.cli.UsageException;
import io.dra4j.runtime.internal.logging.LogFormat;
import io.dra4j.runtime.internal.logging.RuntimeLogging;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.event.Level;

/**
 * Runs a {@link FakeApiServer} standalone until interrupted: {@code --port <n>} (default 0, an
 * ephemeral port), {@code --kubeconfig <file>} (a kubeconfig written for it, for kubectl) and
 * {@code --resource-versions v1beta2,v1} (the served versions of resource.k8s.io, default v1). Its
 * flags are parsed, and its help and errors printed, like those of every dra4j program.
 */
public final class FakeApiServerMain {
  private FakeApiServerMain() {}

  private static final Flags FLAGS =
      Flags.builder("java -cp <class path> " + FakeApiServerMain.class.getName() + " [flags]")
          .description(
              "Runs the in-memory Kubernetes API server of the dra4j testkit until interrupted.")
          .value("--port", "N", "the port to listen on, 0 for an ephemeral one (default 0)")
          .value("--kubeconfig", "FILE", "write a kubeconfig for this server, for kubectl")
          .value(
              "--resource-versions",
              "LIST",
              "served resource.k8s.io versions, comma-separated, e.g. v1beta2,v1 (default v1)")
          .build();

  /** Entry point: exits 2 on a bad command line, else serves until the process is stopped. */
  public static void main(String[] args) throws InterruptedException {
    // Run by hand, the class path has no SLF4J provider: log like the driver process does.
    RuntimeLogging.configure(Level.INFO, LogFormat.TEXT, System.err);
    Launch launch = launch(List.of(args), System.out, System.err);
    if (launch.server().isEmpty()) {
      System.exit(launch.status());
    }
    FakeApiServer server = launch.server().get();
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fake-apiserver-stop"));
    new CountDownLatch(1).await();
  }

  /** What {@link #launch} did: the exit status, and the server when one was started. */
  record Launch(int status, Optional<FakeApiServer> server) {}

  /** Parses the command line and starts the server; prints help or the problem instead. */
  static Launch launch(List<String> args, PrintStream out, PrintStream err) {
    Flags.Parsed flags;
    int port;
    try {
      flags = FLAGS.parse(args, Map.of());
      port = flags.integer("--port", 0, 65535).orElse(0);
    } catch (UsageException e) {
      return refused(err, e.getMessage());
    }
    if (flags.help()) {
      out.print(FLAGS.usage());
      return new Launch(0, Optional.empty());
    }
    List<String> resourceVersions =
        flags
            .value("--resource-versions")
            .map(
                v ->
                    Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .toList())
            .orElse(List.of("v1"));
    FakeApiServer server = FakeApiServer.start(port);
    try {
      server.servedResourceVersions(resourceVersions);
    } catch (IllegalArgumentException e) {
      server.close();
      return refused(err, "--resource-versions: " + e.getMessage());
    }
    out.println(
        "fake API server listening on "
            + server.url()
            + " (resource.k8s.io "
            + String.join(", ", server.servedResourceVersions())
            + ")");
    flags
        .value("--kubeconfig")
        .map(Path::of)
        .ifPresent(
            kubeconfig -> {
              server.writeKubeconfig(kubeconfig);
              out.println("kubeconfig written to " + kubeconfig.toAbsolutePath());
            });
    return new Launch(0, Optional.of(server));
  }

  private static Launch refused(PrintStream err, String problem) {
    Flags.printRefusal(err, problem);
    return new Launch(2, Optional.empty());
  }
}
