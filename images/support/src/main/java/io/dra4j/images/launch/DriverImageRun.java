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
package io.dra4j.images.launch;

import io.dra4j.images.tarball.ImageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Starts an unpacked driver image's entry point on a {@link ImageNode}, the way the Helm chart runs
 * it: the node name and kubelet directories from environment variables, the kubeconfig and the
 * host's sysfs/dev tree from flags, and (with {@link Isolation#CHROOT}) the image's user, a
 * read-only root file system and a tmpfs {@code /tmp}.
 *
 * <pre>{@code
 * try (DriverProcess driver =
 *     DriverImageRun.builder(rootfs, image.config()).node(node).isolation(Isolation.best()).start()) {
 *   Path socket = driver.awaitRegistrationSocket(Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class DriverImageRun {
  /** Where the chroot mounts the node's fixture tree ({@code sys}, {@code dev}, {@code proc}). */
  static final String HOST_MOUNT = "/host";

  static final String REGISTRAR = "/var/lib/kubelet/plugins_registry";
  static final String PLUGINS = "/var/lib/kubelet/plugins";
  static final String CDI = "/var/run/cdi";
  static final String KUBECONFIG = "/etc/dra4j/kubeconfig";

  private static final String CHROOT =
      Files.isExecutable(Path.of("/usr/sbin/chroot")) ? "/usr/sbin/chroot" : "/usr/bin/chroot";

  private DriverImageRun() {}

  /** A run of the image unpacked at {@code rootfs}, whose configuration is {@code config}. */
  public static Builder builder(Path rootfs, ImageConfig config) {
    return new Builder(rootfs, config);
  }

  /** Collects the settings of one run. */
  public static final class Builder {
    private final Path rootfs;
    private final ImageConfig config;
    private ImageNode node;
    private Isolation isolation = Isolation.HOST;
    private final List<String> jvmFlags = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private Path log;

    private Builder(Path rootfs, ImageConfig config) {
      this.rootfs = rootfs.toAbsolutePath();
      this.config = Objects.requireNonNull(config, "config");
      if (config.entrypoint().isEmpty()) {
        throw new IllegalArgumentException("the image has no entry point");
      }
    }

    /** The node to run on (required). */
    public Builder node(ImageNode node) {
      this.node = node;
      return this;
    }

    /** How the image is isolated; default {@link Isolation#HOST}. */
    public Builder isolation(Isolation isolation) {
      this.isolation = Objects.requireNonNull(isolation, "isolation");
      return this;
    }

    /** JVM flags added after the image's own, so they win (such as {@code -XX:AOTMode=on}). */
    public Builder jvmFlags(List<String> flags) {
      jvmFlags.addAll(flags);
      return this;
    }

    /** Driver arguments added after the entry point's. */
    public Builder args(List<String> more) {
      args.addAll(more);
      return this;
    }

    /** Where stdout and stderr go; default {@code driver.log} in the node's directory. */
    public Builder log(Path file) {
      this.log = file;
      return this;
    }

    /** Starts the process. */
    public DriverProcess start() {
      Objects.requireNonNull(node, "node: call node(ImageNode) first");
      Path logFile = log != null ? log : node.dir().resolve("driver.log");
      List<String> command =
          isolation == Isolation.CHROOT ? chrootCommand() : EntryPoints.inPlace(rootfs, entry());
      Map<String, String> env = new LinkedHashMap<>(config.envMap());
      env.put("NODE_NAME", ImageNode.NODE_NAME);
      boolean chroot = isolation == Isolation.CHROOT;
      env.put("KUBELET_REGISTRAR_DIRECTORY_PATH", chroot ? REGISTRAR : str(node.registrarDir()));
      env.put("KUBELET_PLUGINS_DIRECTORY_PATH", chroot ? PLUGINS : str(node.pluginsDir()));
      env.put("CDI_ROOT", chroot ? CDI : str(node.cdiDir()));
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.environment().clear();
      pb.environment().putAll(env);
      pb.redirectErrorStream(true);
      pb.redirectOutput(logFile.toFile());
      try {
        return DriverProcess.start(pb, node, logFile);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
      }
    }

    /** The entry point with the extra JVM flags and the node's flags. */
    private List<String> entry() {
      boolean chroot = isolation == Isolation.CHROOT;
      String host = chroot ? HOST_MOUNT : str(node.fixture().root());
      List<String> out = EntryPoints.withJvmFlags(config.entrypoint(), jvmFlags);
      out.add("--kubeconfig=" + (chroot ? KUBECONFIG : str(node.kubeconfig())));
      out.add("--sys-root=" + host + "/sys");
      out.add("--dev-root=" + host + "/dev");
      out.add("--proc-root=" + host + "/proc");
      out.addAll(args);
      return out;
    }

    private List<String> chrootCommand() {
      try {
        for (String dir : List.of("proc", "dev", "tmp", "host", REGISTRAR, PLUGINS, CDI)) {
          Files.createDirectories(rootfs.resolve(dir.replaceFirst("^/", "")));
        }
        Path kube = rootfs.resolve(KUBECONFIG.substring(1));
        Files.createDirectories(kube.getParent());
        if (!Files.exists(kube)) {
          Files.createFile(kube);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create mount points in " + rootfs, e);
      }
      String r = q(str(rootfs));
      String user = config.uid() + ":" + config.gid();
      StringBuilder script = new StringBuilder("set -e\n");
      // Host tools from the host's PATH; the entry point gets the image's PATH back.
      script.append("IMAGE_PATH=\"$PATH\"\nPATH=/usr/sbin:/usr/bin:/sbin:/bin\n");
      // The node's directories belong to the image's user, as root-owned host paths would to root.
      script.append("chown -R ").append(user).append(' ');
      script.append(q(str(node.registrarDir()))).append(' ').append(q(str(node.pluginsDir())));
      script.append(' ').append(q(str(node.cdiDir()))).append('\n');
      script.append("mount --bind ").append(r).append(' ').append(r).append('\n');
      script.append("mount -o remount,bind,ro ").append(r).append(' ').append(r).append('\n');
      script.append("mount -t proc proc ").append(r).append("/proc\n");
      script.append("mount --rbind /dev ").append(r).append("/dev\n");
      script.append("mount -t tmpfs -o mode=1777,size=64m tmpfs ").append(r).append("/tmp\n");
      bind(script, str(node.fixture().root()), HOST_MOUNT, true);
      bind(script, str(node.registrarDir()), REGISTRAR, false);
      bind(script, str(node.pluginsDir()), PLUGINS, false);
      bind(script, str(node.cdiDir()), CDI, false);
      bind(script, str(node.kubeconfig()), KUBECONFIG, true);
      script
          .append("PATH=\"$IMAGE_PATH\" exec ")
          .append(CHROOT)
          .append(" --userspec=")
          .append(user)
          .append(' ')
          .append(r);
      for (String a : entry()) {
        script.append(' ').append(q(a));
      }
      script.append('\n');
      return List.of(
          "/usr/bin/unshare",
          "--mount",
          "--propagation",
          "private",
          "/bin/sh",
          "-c",
          script.toString());
    }

    private void bind(StringBuilder script, String from, String to, boolean readOnly) {
      String target = q(str(rootfs) + to);
      script.append("mount --bind ").append(q(from)).append(' ').append(target).append('\n');
      if (readOnly) {
        script.append("mount -o remount,bind,ro ").append(target).append('\n');
      }
    }
  }

  private static String str(Path p) {
    return p.toAbsolutePath().toString();
  }

  /** Quotes a word for {@code sh}. */
  static String q(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /** Reads a text file of the unpacked image. */
  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
