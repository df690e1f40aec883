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
package io.dra4j.runtime;

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.ProviderLoader;
import io.dra4j.runtime.internal.cli.CommandLine;
import io.dra4j.runtime.internal.cli.Flags;
import io.dra4j.runtime.internal.cli.Options;
import io.dra4j.runtime.internal.cli.UsageException;
import io.dra4j.runtime.internal.kube.KubeBackend;
import io.dra4j.runtime.internal.logging.RuntimeLogging;
import io.dra4j.runtime.internal.sockets.ClassPreload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The driver process: parses flags (or their environment variables), loads the one {@link
 * DeviceProvider} on the class path, connects to Kubernetes and runs a {@link DriverRuntime} until
 * SIGTERM. Exit code 2 means a bad flag, a missing value, an unusable directory or a missing RBAC
 * permission; 1 any other start failure.
 */
public final class Main {
  /** Exit code for a bad command line or configuration. */
  public static final int EXIT_USAGE = 2;

  /** Exit code for any other start failure. */
  public static final int EXIT_FAILURE = 1;

  private Main() {}

  public static void main(String[] args) {
    int code =
        run(Arrays.asList(args), System.getenv(), System.out, System.err, Main::connectKubernetes);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Runs the driver until it is closed by SIGTERM (or {@link #stop}).
   *
   * @return the exit code
   */
  static int run(
      List<String> args,
      Map<String, String> env,
      PrintStream out,
      PrintStream err,
      KubernetesConnector kubernetes) {
    STOP_REQUESTED.set(false);
    if (CommandLine.wantsHelp(args)) {
      out.print(CommandLine.usage());
      return 0;
    }
    Options options;
    try {
      options = CommandLine.parse(args, env);
    } catch (UsageException e) {
      Flags.printRefusal(err, e.getMessage());
      return EXIT_USAGE;
    }
    // Before the first logger exists, so that the level and format apply everywhere.
    RuntimeLogging.configure(
        Level.valueOf(options.logLevel().toUpperCase(Locale.ROOT)), options.logFormat(), err);
    Logger log = LoggerFactory.getLogger(Main.class);
    // The gRPC server's classes load on the other core while this thread reaches the API server.
    ClassPreload.start();
    DeviceProvider provider;
    try {
      provider = ProviderLoader.loadOne(Main.class.getClassLoader(), options.provider());
    } catch (IllegalStateException e) {
      err.println("error: " + e.getMessage());
      return EXIT_USAGE;
    }
    KubernetesConnection kube;
    try {
      kube = kubernetes.connect(options.kubeconfig(), provider.driverName(), options.nodeName());
    } catch (ConfigurationException e) {
      err.println("error: " + describe(e));
      return EXIT_USAGE;
    } catch (Exception e) {
      err.println("error: cannot connect to the Kubernetes API: " + e.getMessage());
      log.error("cannot connect to the Kubernetes API", e);
      return EXIT_FAILURE;
    }
    DriverRuntime runtime;
    try {
      runtime = runtime(provider, options, kube).start();
    } catch (ConfigurationException e) {
      err.println("error: driver " + provider.driverName() + " failed to start: " + describe(e));
      closeQuietly(kube);
      return EXIT_USAGE;
    } catch (Exception e) {
      err.println("error: driver " + provider.driverName() + " failed to start: " + e.getMessage());
      closeQuietly(kube);
      return EXIT_FAILURE;
    }
    RUNNING.set(runtime);
    if (STOP_REQUESTED.getAndSet(false)) {
      // stop() came while start() was still running: honour it now.
      runtime.close();
    }
    Thread hook =
        new Thread(
            () -> {
              runtime.close();
              closeQuietly(kube);
            },
            "dra4j-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      runtime.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      runtime.close();
    } finally {
      RUNNING.set(null);
      closeQuietly(kube);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down and runs the hook
      }
    }
    return 0;
  }

  private static final AtomicReference<DriverRuntime> RUNNING = new AtomicReference<>();
  private static final AtomicBoolean STOP_REQUESTED = new AtomicBoolean();

  /**
   * Stops the runtime started by {@link #run}, as SIGTERM does; called while the runtime is still
   * starting, it stops it as soon as the start returns.
   */
  static void stop() {
    STOP_REQUESTED.set(true);
    DriverRuntime r = RUNNING.get();
    if (r != null) {
      STOP_REQUESTED.set(false);
      r.close();
    }
  }

  /**
   * A configuration error as the command line knows it: the flag and environment variable of the
   * setting at fault instead of the builder setting's name.
   */
  static String describe(ConfigurationException e) {
    return e.setting()
        .flatMap(CommandLine::flagOf)
        .map(flag -> flag + ": " + e.problem())
        .orElse(e.getMessage());
  }

  /** The runtime a driver process runs: flags on one side, Kubernetes on the other. */
  static DriverRuntime runtime(
      DeviceProvider provider, Options options, KubernetesConnection kube) {
    DriverRuntime.Builder builder =
        DriverRuntime.builder(provider)
            .nodeName(options.nodeName())
            .registrarDir(options.registrarDir())
            .pluginsDir(options.pluginsDir())
            .cdiDir(options.cdiDir())
            .hostPaths(options.hostPaths())
            .kubernetes(kube)
            .settings(options.settings())
            .metricsPort(options.metricsPort())
            .deviceMetadata(options.deviceMetadata())
            .metricsBindAddress(options.metricsBindAddress());
    options.podUid().ifPresent(builder::rollingUpdate);
    return builder.build();
  }

  /** The Kubernetes API behind the runtime: claim lookup, slice publishing, node allocatable. */
  private static KubernetesConnection connectKubernetes(
      Optional<Path> kubeconfig, String driverName, String nodeName) {
    return KubeBackend.connectOwned(KubeBackend.client(kubeconfig), driverName, nodeName);
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      LoggerFactory.getLogger(Main.class).warn("cannot close {}: {}", c, e.toString());
    }
  }
}
