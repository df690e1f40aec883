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
package io.dra4j.images.training;

import io.dra4j.images.launch.ImageTrial;
import io.dra4j.images.launch.ImageTrial.TrialResult;
import io.dra4j.images.tarball.ImageTarball;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Makes the AOT cache of a driver image at build time. Given the image directory of the build
 * ({@code target/image}: {@code base.properties}, {@code app.tar} (the image without the cache) and
 * {@code extra/}), it unpacks the image, runs its entry point in place on a simulated trn2.48xlarge
 * node with {@code -XX:AOTCacheOutput} until the driver registered with the kubelet and published
 * its devices, stops it with SIGTERM (the JVM writes the cache on exit), and puts the cache at
 * {@code extra/app/aot/driver.aot} with {@code -XX:AOTCache} added to {@code extra/app/jvm.args}.
 *
 * <p>The JVM does not write a cache byte-for-byte the same twice, so the cache is kept in {@code
 * ~/.cache/dra4j/images/aot} (or {@code $IMAGE_CACHE/aot}) under a digest of the image's layers:
 * the same inputs give the same cache file, and so the same image digest. With a JDK older than 25
 * (see {@code base.properties}) it does nothing.
 */
public final class AotTraining {
  /** Where the cache is in the image. */
  public static final String IMAGE_PATH = "/app/aot/driver.aot";

  /** Changes whenever what the training run does changes, so old caches are not reused. */
  private static final String TRAINING_VERSION = "1";

  private static final String INSTANCE_TYPE = "trn2.48xlarge";

  private AotTraining() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: AotTraining <image build directory, e.g. target/image>");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath();
    Properties base = new Properties();
    try (Reader r = Files.newBufferedReader(dir.resolve("base.properties"))) {
      base.load(r);
    }
    if (!"true".equals(base.getProperty("aot"))) {
      System.out.println(
          "AotTraining: no AOT cache: the image JRE is Java "
              + base.getProperty("java.version")
              + "; AOT caches need JDK 25 or newer (IMAGE_JDK)");
      return;
    }
    Path work = dir.resolve("training");
    ImageTarball.deleteTree(work);
    ImageTarball image = ImageTarball.open(dir.resolve("app.tar"), work.resolve("oci"));
    String key = key(image);
    Path cacheDir = cacheDir().resolve("aot");
    Path cached = cacheDir.resolve(key + ".aot");
    String source = "cached";
    if (!Files.isRegularFile(cached)) {
      long t0 = System.nanoTime();
      Path trained = train(image, work);
      Files.createDirectories(cacheDir);
      Path tmp = Files.createTempFile(cacheDir, key, ".tmp");
      Files.copy(trained, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      source = "trained in " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms";
    }
    Path target = dir.resolve("extra" + IMAGE_PATH);
    Files.createDirectories(target.getParent());
    Files.copy(cached, target, StandardCopyOption.REPLACE_EXISTING);
    Path jvmArgs = dir.resolve("extra/app/jvm.args");
    String flag = "-XX:AOTCache=" + IMAGE_PATH;
    if (!Files.readString(jvmArgs).contains(flag)) {
      Files.writeString(jvmArgs, flag + "\n", StandardOpenOption.APPEND);
    }
    ImageTarball.deleteTree(work.resolve("rootfs"));
    ImageTarball.deleteTree(work.resolve("oci"));
    System.out.printf(
        "AotTraining: AOT cache %s (%d KiB, %s) -> %s%n",
        key, Files.size(target) / 1024, source, target);
  }

  private static Path train(ImageTarball image, Path work) throws IOException {
    Path rootfs = image.unpack(work.resolve("rootfs"));
    requireJars(rootfs);
    Path output = work.resolve("driver.aot");
    TrialResult run =
        ImageTrial.builder(rootfs, image.config(), work)
            .instanceType(INSTANCE_TYPE)
            .jvmFlags(List.of("-XX:AOTCacheOutput=" + output))
            .timeout(Duration.ofMinutes(3))
            .run();
    if (!Files.isRegularFile(output) || Files.size(output) == 0) {
      throw new IllegalStateException(
          "the training run wrote no AOT cache at " + output + "; output:\n" + run.output());
    }
    return output;
  }

  /** An AOT cache records a class path of jar files only. */
  private static void requireJars(Path rootfs) throws IOException {
    Path file = rootfs.resolve("app/jib-classpath-file");
    for (String entry : Files.readString(file).strip().split(":")) {
      if (entry.endsWith("/*")) {
        continue;
      }
      Path p = rootfs.resolve(entry.substring(1));
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException(
            "class path entry "
                + entry
                + " of the image is not a jar file; an AOT cache needs jars only: build with"
                + " the package phase or later so that reactor modules are packaged jars");
      }
    }
  }

  /** A digest of everything in the image (its layers) and of how the training runs. */
  static String key(ImageTarball image) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(TRAINING_VERSION.getBytes(StandardCharsets.UTF_8));
      d.update(INSTANCE_TYPE.getBytes(StandardCharsets.UTF_8));
      for (String s :
          Stream.concat(image.config().diffIds().stream(), image.config().entrypoint().stream())
              .toList()) {
        d.update((s + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(d.digest()).substring(0, 24);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path cacheDir() {
    String env = System.getenv("IMAGE_CACHE");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "dra4j", "images");
  }
}
