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
package io.dra4j.runtime.cli;

import io.dra4j.api.HostPaths;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Parses the driver's flags. Every flag but {@code --set} and {@code --help} can also come from an
 * environment variable; a flag on the command line wins. Accepts {@code --flag value} and {@code
 * --flag=value}.
 */
public final class CommandLine {
  private CommandLine() {}

  private enum Flag {
    KUBECONFIG("--kubeconfig", "KUBECONFIG", "path to a kubeconfig file (default: in-cluster)"),
    NODE_NAME("--node-name", "NODE_NAME", "the node this driver serves (required)", "nodeName"),
    REGISTRAR_DIR(
        "--registrar-dir",
        "KUBELET_REGISTRAR_DIRECTORY_PATH",
        "kubelet plugin registry directory (default /var/lib/kubelet/plugins_registry)",
        "registrarDir"),
    PLUGINS_DIR(
        "--plugins-dir",
        "KUBELET_PLUGINS_DIRECTORY_PATH",
        "kubelet plugins directory (default /var/lib/kubelet/plugins)",
        "pluginsDir"),
    CDI_DIR("--cdi-dir", "CDI_ROOT", "CDI spec directory (default /var/run/cdi)", "cdiDir"),
    POD_UID("--pod-uid", "POD_UID", "this pod's UID; enables rolling updates", "rollingUpdate"),
    METRICS_PORT(
        "--metrics-port",
        "METRICS_PORT",
        "metrics and probes HTTP port (default 0: off)",
        "metricsPort"),
    LOG_LEVEL("--log-level", "LOG_LEVEL", "error, warn, info, debug or trace (default info)"),
    SYS_ROOT("--sys-root", "SYS_ROOT", "host sysfs root (default /sys)"),
    DEV_ROOT("--dev-root", "DEV_ROOT", "host device root (default /dev)"),
    PROC_ROOT("--proc-root", "PROC_ROOT", "host procfs root (default /proc)"),
    PROVIDER("--provider", "DRA_PROVIDER", "device provider class when several are present");

    final String name;
    final String env;
    final String help;
    // The DriverRuntime.Builder setting the flag sets, for naming the flag in runtime errors.
    final Optional<String> setting;

    Flag(String name, String env, String help) {
      this(name, env, help, null);
    }

    Flag(String name, String env, String help, String setting) {
      this.name = name;
      this.env = env;
      this.help = help;
      this.setting = Optional.ofNullable(setting);
    }
  }

  private static final List<String> LOG_LEVELS = List.of("error", "warn", "info", "debug", "trace");

  /** The {@code --help} text. */
  public static String usage() {
    StringBuilder out =
        new StringBuilder("Usage: <driver> [flags]\n\nFlags (environment variable in brackets):\n");
    for (Flag f : Flag.values()) {
      out.append(String.format(Locale.ROOT, "  %-16s %s [%s]%n", f.name, f.help, f.env));
    }
    out.append(
        String.format(
            Locale.ROOT, "  %-16s %s%n", "--set key=value", "a driver setting; repeatable"));
    out.append(String.format(Locale.ROOT, "  %-16s %s%n", "--help", "print this text"));
    return out.toString();
  }

  /**
   * The flag and environment variable that set a runtime builder setting, such as {@code --cdi-dir
   * (env CDI_ROOT)} for {@code cdiDir}; empty for a setting no flag sets.
   */
  public static Optional<String> flagOf(String setting) {
    for (Flag f : Flag.values()) {
      if (f.setting.filter(setting::equals).isPresent()) {
        return Optional.of(f.name + " (env " + f.env + ")");
      }
    }
    return Optional.empty();
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
    Map<Flag, String> values = new LinkedHashMap<>();
    for (Flag f : Flag.values()) {
      String v = env.get(f.env);
      if (v != null && !v.isEmpty()) {
        values.put(f, v);
      }
    }
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      if (name.equals("--set")) {
        if (value == null) {
          value = next(args, ++i, "--set");
        }
        int kv = value.indexOf('=');
        if (kv <= 0) {
          throw new UsageException(
              "--set " + value + " must have the form key=value, like --set foo=bar");
        }
        settings.put(value.substring(0, kv), value.substring(kv + 1));
        continue;
      }
      Flag flag = byName(name);
      if (value == null) {
        value = next(args, ++i, flag.name);
      }
      values.put(flag, value);
    }
    String nodeName = values.get(Flag.NODE_NAME);
    if (nodeName == null || nodeName.isBlank()) {
      throw new UsageException(
          "the node name is required: pass --node-name <node> or set NODE_NAME (in a DaemonSet,"
              + " from the downward API field spec.nodeName)");
    }
    int port = port(values.getOrDefault(Flag.METRICS_PORT, "0"));
    String level = values.getOrDefault(Flag.LOG_LEVEL, "info").toLowerCase(Locale.ROOT);
    if (!LOG_LEVELS.contains(level)) {
      throw new UsageException(
          "--log-level (env LOG_LEVEL) '"
              + level
              + "' must be one of "
              + String.join(", ", LOG_LEVELS));
    }
    Path registrar = existingDir(values, Flag.REGISTRAR_DIR, "/var/lib/kubelet/plugins_registry");
    Path plugins = existingDir(values, Flag.PLUGINS_DIR, "/var/lib/kubelet/plugins");
    Path cdi = path(values, Flag.CDI_DIR, "/var/run/cdi");
    Path cdiParent = cdi.toAbsolutePath().getParent();
    if (!Files.isDirectory(cdi) && (cdiParent == null || !Files.isDirectory(cdiParent))) {
      throw new UsageException(
          "--cdi-dir (env CDI_ROOT) "
              + cdi
              + " does not exist and cannot be created because its parent is not a directory:"
              + " mount the host's CDI directory (usually /var/run/cdi) into the pod");
    }
    HostPaths host =
        new HostPaths(
            existingDir(values, Flag.SYS_ROOT, "/sys"),
            existingDir(values, Flag.DEV_ROOT, "/dev"),
            existingDir(values, Flag.PROC_ROOT, "/proc"));
    Optional<Path> kubeconfig =
        values.containsKey(Flag.KUBECONFIG)
            ? Optional.of(path(values, Flag.KUBECONFIG, ""))
            : Optional.empty();
    if (kubeconfig.isPresent() && !Files.isReadable(kubeconfig.get())) {
      throw new UsageException(
          "--kubeconfig (env KUBECONFIG) "
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
        Optional.ofNullable(values.get(Flag.POD_UID)),
        port,
        level,
        host,
        Optional.ofNullable(values.get(Flag.PROVIDER)),
        settings);
  }

  private static Flag byName(String name) throws UsageException {
    for (Flag f : Flag.values()) {
      if (f.name.equals(name)) {
        return f;
      }
    }
    throw new UsageException("unknown flag '" + name + "': run with --help to list the flags");
  }

  private static String next(List<String> args, int i, String flag) throws UsageException {
    if (i >= args.size() || args.get(i).startsWith("--")) {
      throw new UsageException(
          flag + " needs a value: " + flag + " <value> or " + flag + "=<value>");
    }
    return args.get(i);
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
        "--metrics-port (env METRICS_PORT) '"
            + text
            + "' must be a port number from 0 (off) to 65535");
  }

  private static Path path(Map<Flag, String> values, Flag flag, String fallback)
      throws UsageException {
    String v = values.getOrDefault(flag, fallback);
    try {
      return Path.of(v);
    } catch (InvalidPathException e) {
      throw new UsageException(
          flag.name
              + " (env "
              + flag.env
              + ") '"
              + v
              + "' is not a valid path ("
              + e.getReason()
              + "): pass a file system path");
    }
  }

  private static Path existingDir(Map<Flag, String> values, Flag flag, String fallback)
      throws UsageException {
    Path p = path(values, flag, fallback);
    if (!Files.isDirectory(p)) {
      throw new UsageException(
          flag.name
              + " (env "
              + flag.env
              + ") "
              + p
              + (Files.exists(p) ? " is not a directory" : " does not exist")
              + ": mount the host directory into the pod or point the flag at it");
    }
    return p;
  }
}
