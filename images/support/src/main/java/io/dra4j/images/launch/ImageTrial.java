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
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One run of a driver image on a fresh {@link ImageNode}, as the kubelet would see it: start the
 * entry point, wait for the registration socket, {@code GetInfo} and {@code
 * NotifyRegistrationStatus}, wait until the driver published devices, let it idle, measure it, and
 * stop it with SIGTERM.
 *
 * <pre>{@code
 * TrialResult r = ImageTrial.builder(rootfs, image.config(), workDir)
 *     .isolation(Isolation.best()).settle(Duration.ofSeconds(3)).run();
 * }</pre>
 */
public final class ImageTrial {
  private ImageTrial() {}

  /** A trial of the image unpacked at {@code rootfs}; the node goes below {@code workDir}. */
  public static Builder builder(Path rootfs, ImageConfig config, Path workDir) {
    return new Builder(rootfs, config, workDir);
  }

  /**
   * What one trial measured.
   *
   * @param plugin the answer to {@code GetInfo}
   * @param socketAfter from process start to the registration socket file
   * @param answeredAfter from process start to the first {@code GetInfo} answer
   * @param devices the devices published on the node when the driver was measured
   * @param rssKiB the resident set size after the idle time
   * @param uid the uid the driver ran as
   * @param registrySocketsAfterStop registration sockets left after the driver stopped
   * @param exitCode the exit code after SIGTERM
   * @param output what the driver printed
   */
  public record TrialResult(
      PluginInfo plugin,
      Duration socketAfter,
      Duration answeredAfter,
      int devices,
      OptionalLong rssKiB,
      OptionalLong uid,
      int registrySocketsAfterStop,
      int exitCode,
      String output) {
    public TrialResult {
      Objects.requireNonNull(plugin, "plugin");
      Objects.requireNonNull(socketAfter, "socketAfter");
      Objects.requireNonNull(answeredAfter, "answeredAfter");
      Objects.requireNonNull(rssKiB, "rssKiB");
      Objects.requireNonNull(uid, "uid");
      Objects.requireNonNull(output, "output");
    }
  }

  /** Collects the settings of one trial. */
  public static final class Builder {
    private final Path rootfs;
    private final ImageConfig config;
    private final Path workDir;
    private Isolation isolation = Isolation.HOST;
    private final List<String> jvmFlags = new ArrayList<>();
    private String instanceType = "trn2.48xlarge";
    private Duration settle = Duration.ZERO;
    private Duration timeout = Duration.ofSeconds(60);
    private Consumer<ImageNode> beforeStop = n -> {};

    private Builder(Path rootfs, ImageConfig config, Path workDir) {
      this.rootfs = rootfs;
      this.config = config;
      this.workDir = workDir;
    }

    /** How the image is isolated; default {@link Isolation#HOST}. */
    public Builder isolation(Isolation isolation) {
      this.isolation = Objects.requireNonNull(isolation, "isolation");
      return this;
    }

    /** JVM flags that win over the image's. */
    public Builder jvmFlags(List<String> flags) {
      jvmFlags.addAll(flags);
      return this;
    }

    /**
     * When the image's JVM flags name an AOT cache, makes the JVM refuse to start unless it can use
     * it ({@code -XX:AOTMode=on}), instead of silently starting without.
     */
    public Builder requireAotCacheWhenPresent() {
      Path args = rootfs.resolve("app/jvm.args");
      if (Files.isRegularFile(args) && DriverImageRun.read(args).contains("-XX:AOTCache=")) {
        jvmFlags.add("-XX:AOTMode=on");
      }
      return this;
    }

    /** The node's instance type; default trn2.48xlarge (16 Neuron devices, 16 EFA adapters). */
    public Builder instanceType(String type) {
      this.instanceType = Objects.requireNonNull(type, "type");
      return this;
    }

    /** How long the driver idles after publishing before it is measured; default none. */
    public Builder settle(Duration settle) {
      this.settle = Objects.requireNonNull(settle, "settle");
      return this;
    }

    /** The limit for each wait (socket, devices, stop); default 60 s. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Runs after the measurement, while the driver still runs (for extra checks). */
    public Builder beforeStop(Consumer<ImageNode> check) {
      this.beforeStop = Objects.requireNonNull(check, "check");
      return this;
    }

    /**
     * Runs the trial.
     *
     * @throws IllegalStateException when the driver does not register or publish in time; the
     *     message holds its output
     */
    public TrialResult run() {
      try (ImageNode node = ImageNode.start(workDir.resolve("node"), instanceType);
          DriverProcess driver =
              DriverImageRun.builder(rootfs, config)
                  .node(node)
                  .isolation(isolation)
                  .jvmFlags(jvmFlags)
                  .log(workDir.resolve("driver.log"))
                  .start()) {
        Path socket = driver.awaitRegistrationSocket(timeout);
        PluginInfo info = getInfo(socket, driver);
        Duration answered = driver.sinceStart();
        RegistrationProbe.notifyRegistered(socket);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (node.publishedDevices(info.name()) == 0) {
          if (System.nanoTime() > deadline || !driver.isAlive()) {
            throw new IllegalStateException(
                "driver " + info.name() + " published no devices; output:\n" + driver.output());
          }
          sleep(Duration.ofMillis(20));
        }
        sleep(settle);
        int devices = node.publishedDevices(info.name());
        OptionalLong rss = driver.rssKiB();
        OptionalLong uid = driver.uid();
        beforeStop.accept(node);
        int exit = driver.stop(timeout);
        int left = 0;
        try (Stream<Path> s = Files.list(node.registrarDir())) {
          left = (int) s.filter(p -> p.toString().endsWith("-reg.sock")).count();
        }
        return new TrialResult(
            info, driver.startToSocket(), answered, devices, rss, uid, left, exit, driver.output());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + workDir.resolve("node"), e);
      }
    }
  }

  /** GetInfo, retried while the server behind a fresh socket is still starting. */
  private static PluginInfo getInfo(Path socket, DriverProcess driver) {
    StatusRuntimeException last = null;
    for (int i = 0; i < 200; i++) {
      try {
        return RegistrationProbe.getInfo(socket);
      } catch (StatusRuntimeException e) {
        last = e;
        sleep(Duration.ofMillis(5));
      }
    }
    throw new IllegalStateException(
        "GetInfo on " + socket + " failed: " + last + "; output:\n" + driver.output(), last);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
