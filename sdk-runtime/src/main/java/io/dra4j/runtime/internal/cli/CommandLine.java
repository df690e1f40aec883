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
package io.dra4j.runtime.internal.cli;

import io.dra4j.api.HostPaths;
import io.dra4j.runtime.internal.logging.LogFormat;
import io.dra4j.runtime.internal.metrics.ListenAddress;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the driver's flags with the shared {@link Flags} parser. Every flag but {@code --set} and
 * {@code --help} can also come from an environment variable; a flag on the command line wins.
 * Accepts {@code --flag value} and {@code --flag=value}.
 */
public final class CommandLine {
  private CommandLine() {}

  private static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");

  private static final Flags FLAGS =
      Flags.builder("<driver> [flags]")
          .value(
              "--kubeconfig",
              "FILE",
              "KUBECONFIG",
              "path to a kubeconfig file (default: in-cluster)")
          .value("--node-name", "NODE", "NODE_NAME", "the node this driver serves (required)")
          .value(
              "--registrar-dir",
              "DIR",
              "KUBELET_REGISTRAR_DIRECTORY_PATH",
              "kubelet plugin registry directory (default /var/lib/kubelet/plugins_registry)")
          .value(
              "--plugins-dir",
              "DIR",
              "KUBELET_PLUGINS_DIRECTORY_PATH",
              "kubelet plugins directory (default /var/lib/kubelet/plugins)")
          .value("--cdi-dir", "DIR", "CDI_ROOT", "CDI spec directory (default /var/run/cdi)")
          .value("--pod-uid", "UID", "POD_UID", "this pod's UID; enables rolling updates")
          .value(
              "--device-metadata",
              "BOOL",
              "DEVICE_METADATA",
              "true to give containers device metadata files, KEP-5304 (default false)")
          .value(
              "--metrics-port",
              "PORT",
              "METRICS_PORT",
              "metrics and probes HTTP port (default 0: off)")
          .value(
              "--metrics-bind-address",
              "ADDRESS",
              "METRICS_BIND_ADDRESS",
              "IP address the metrics and probes server listens on (default 127.0.0.1; the pod"
                  + " IP or 0.0.0.0 to let Prometheus and the kubelet reach it)")
          .value(
              "--log-level",
              "LEVEL",
              "LOG_LEVEL",
              "error, warn, info, debug or trace (default info)")
          .value(
              "--log-format",
              "FORMAT",
              "LOG_FORMAT",
              "text (one line per event) or json (default text)")
          .value("--sys-root", "DIR", "SYS_ROOT", "host sysfs root (default /sys)")
          .value("--dev-root", "DIR", "DEV_ROOT", "host device root (default /dev)")
          .value("--proc-root", "DIR", "PROC_ROOT", "host procfs root (default /proc)")
          .value(
              "--provider",
              "CLASS",
              "DRA_PROVIDER",
              "device provider class when several are present")
          .repeatable("--set", "KEY=VALUE", "a driver setting; repeatable")
          .build();

  // The DriverRuntime.Builder setting each flag sets, for naming the flag in runtime errors.
  private static final Map<String, String> FLAG_OF_SETTING =
      Map.of(
          "nodeName", "--node-name",
          "registrarDir", "--registrar-dir",
          "pluginsDir", "--plugins-dir",
          "cdiDir", "--cdi-dir",
          "rollingUpdate", "--pod-uid",
          "deviceMetadata", "--device-metadata",
          "metricsPort", "--metrics-port",
          "metricsBindAddress", "--metrics-bind-address");

  /** The {@code --help} text. */
  public static String usage() {
    return FLAGS.usage();
  }

  /**
   * The flag and environment variable that set a runtime builder setting, such as {@code --cdi-dir
   * (env CDI_ROOT)} for {@code cdiDir}; empty for a setting no flag sets.
   */
  public static Optional<String> flagOf(String setting) {
    return Optional.ofNullable(FLAG_OF_SETTING.get(setting)).map(FLAGS::describe);
  }

  /** Whether the arguments ask for help. */
  public static boolean wantsHelp(List<String> args) {
    return args.contains("--help") || args.contains("-h");
  }

  /**
   * Parses flags and environment into options and checks that the directories exist.
   *
   * @throws UsageException naming the flag (and its environment variable) and the fix
   */
  public static Options parse(List<String> args, Map<String, String> env) throws UsageException {
    Flags.Parsed values = FLAGS.parse(args, env);
    Map<String, String> settings = new LinkedHashMap<>();
    for (String kv : values.values("--set")) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new UsageException(
            "--set " + kv + " must have the form key=value, like --set foo=bar");
      }
      settings.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    String nodeName = values.value("--node-name").orElse("");
    if (nodeName.isBlank()) {
      throw new UsageException(
          "the node name is required: pass --node-name <node> or set NODE_NAME (in a DaemonSet,"
              + " from the downward API field spec.nodeName)");
    }
    int port = port(values.value("--metrics-port").orElse("0"));
    String bindAddress = values.value("--metrics-bind-address").orElse(ListenAddress.DEFAULT);
    try {
      ListenAddress.parse(bindAddress);
    } catch (IllegalArgumentException e) {
      throw new UsageException(FLAGS.describe("--metrics-bind-address") + " " + e.getMessage());
    }
    String level = values.value("--log-level").orElse("info").toLowerCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      throw new UsageException(
          FLAGS.describe("--log-level")
              + " '"
              + level
              + "' must be one of "
              + String.join(", ", LOG_LEVELS));
    }
    String formatName = values.value("--log-format").orElse("text");
    LogFormat format =
        LogFormat.named(formatName)
            .orElseThrow(
                () ->
                    new UsageException(
                        FLAGS.describe("--log-format")
                            + " '"
                            + formatName
                            + "' must be one of "
                            + String.join(", ", LogFormat.names())));
    Path registrar = existingDir(values, "--registrar-dir", "/var/lib/kubelet/plugins_registry");
    Path plugins = existingDir(values, "--plugins-dir", "/var/lib/kubelet/plugins");
    Path cdi = path(values, "--cdi-dir", "/var/run/cdi");
    Path cdiParent = cdi.toAbsolutePath().getParent();
    if (!Files.isDirectory(cdi) && (cdiParent == null || !Files.isDirectory(cdiParent))) {
      throw new UsageException(
          FLAGS.describe("--cdi-dir")
              + " "
              + cdi
              + " does not exist and cannot be created because its parent is not a directory:"
              + " mount the host's CDI directory (usually /var/run/cdi) into the pod");
    }
    HostPaths host =
        new HostPaths(
            existingDir(values, "--sys-root", "/sys"),
            existingDir(values, "--dev-root", "/dev"),
            existingDir(values, "--proc-root", "/proc"));
    Optional<Path> kubeconfig =
        values.has("--kubeconfig")
            ? Optional.of(path(values, "--kubeconfig", ""))
            : Optional.empty();
    if (kubeconfig.isPresent() && !Files.isReadable(kubeconfig.get())) {
      throw new UsageException(
          FLAGS.describe("--kubeconfig")
              + " "
              + kubeconfig.get()
              + " is not a readable file: fix the path, or leave it out to use the in-cluster"
              + " service account");
    }
    return new Options(
        kubeconfig,
        nodeName,
        registrar,
        plugins,
        cdi,
        values.value("--pod-uid"),
        port,
        bindAddress.trim(),
        level,
        format,
        host,
        values.value("--provider"),
        settings,
        values.oneOf("--device-metadata", List.of("true", "false")).orElse("false").equals("true"));
  }

  private static int port(String text) throws UsageException {
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        FLAGS.describe("--metrics-port")
            + " '"
            + text
            + "' must be a port number from 0 (off) to 65535");
  }

  private static Path path(Flags.Parsed values, String flag, String fallback)
      throws UsageException {
    String v = values.value(flag).orElse(fallback);
    try {
      return Path.of(v);
    } catch (InvalidPathException e) {
      throw new UsageException(
          FLAGS.describe(flag)
              + " '"
              + v
              + "' is not a valid path ("
              + e.getReason()
              + "): pass a file system path");
    }
  }

  private static Path existingDir(Flags.Parsed values, String flag, String fallback)
      throws UsageException {
    Path p = path(values, flag, fallback);
    if (!Files.isDirectory(p)) {
      throw new UsageException(
          FLAGS.describe(flag)
              + " "
              + p
              + (Files.exists(p) ? " is not a directory" : " does not exist")
              + ": mount the host directory into the pod or point the flag at it");
    }
    return p;
  }
}
