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
package io.dra4j.bench.images;

import io.dra4j.images.launch.ImageTrial;
import io.dra4j.images.launch.ImageTrial.TrialResult;
import io.dra4j.images.launch.Isolation;
import io.dra4j.images.tarball.ImageTarball;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures driver images built by {@code -Pimage}: compressed size, and per JVM flag variant the
 * time from process start to the registration socket and to the first {@code GetInfo} answer, and
 * the resident memory after 16 devices were published and the driver idled for 5 s. Each run starts
 * on a fresh simulated trn2.48xlarge node; the image runs in a read-only chroot when this runs as
 * root.
 *
 * <pre>
 * java -cp ... io.dra4j.bench.images.ImageStartupBench [--runs N] image.tar...
 * </pre>
 */
public final class ImageStartupBench {
  private ImageStartupBench() {}

  public static void main(String[] args) throws Exception {
    int runs = 5;
    List<Path> tars = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--runs")) {
        runs = Integer.parseInt(args[++i]);
      } else {
        tars.add(Path.of(args[i]));
      }
    }
    if (tars.isEmpty()) {
      System.err.println("usage: ImageStartupBench [--runs N] <image.tar>...");
      System.exit(2);
    }
    Isolation isolation = Isolation.best();
    System.out.printf(Locale.ROOT, "isolation: %s, runs per variant: %d%n", isolation, runs);
    for (Path tar : tars) {
      Path work = Files.createTempDirectory("image-bench");
      try {
        ImageTarball image = ImageTarball.open(tar, work.resolve("oci"));
        Path rootfs = image.unpack(work.resolve("rootfs"));
        Map<String, List<String>> variants = variants(rootfs);
        System.out.printf(
            Locale.ROOT,
            "%n%s: %s, %.1f MB compressed (%d layers)%n",
            tar,
            image.manifestDigest(),
            image.compressedSize() / 1e6,
            image.layers().size());
        // One discarded run warms up this JVM's side (API server, gRPC client).
        ImageTrial.builder(rootfs, image.config(), work.resolve("warm-up"))
            .isolation(isolation)
            .run();
        for (Map.Entry<String, List<String>> v : variants.entrySet()) {
          long[] socket = new long[runs];
          long[] answer = new long[runs];
          long[] rss = new long[runs];
          int devices = 0;
          for (int r = 0; r < runs; r++) {
            Path dir = work.resolve("run-" + r);
            TrialResult t =
                ImageTrial.builder(rootfs, image.config(), dir)
                    .isolation(isolation)
                    .jvmFlags(v.getValue())
                    .settle(Duration.ofSeconds(5))
                    .run();
            socket[r] = t.socketAfter().toMillis();
            answer[r] = t.answeredAfter().toMillis();
            rss[r] = t.rssKiB().orElse(-1) / 1024;
            devices = t.devices();
            ImageTarball.deleteTree(dir);
          }
          System.out.printf(
              Locale.ROOT,
              "  %-28s start->socket %s ms | start->GetInfo %s ms | idle RSS %s MiB | %d devices%n",
              v.getKey(),
              stats(socket),
              stats(answer),
              stats(rss),
              devices);
        }
      } finally {
        ImageTarball.deleteTree(work);
      }
    }
  }

  /** JVM flag variants; those about the AOT cache only where the image has one (JDK 25+). */
  private static Map<String, List<String>> variants(Path rootfs) throws java.io.IOException {
    Path args = rootfs.resolve("app/jvm.args");
    boolean aot = Files.isRegularFile(args) && Files.readString(args).contains("-XX:AOTCache=");
    Map<String, List<String>> variants = new LinkedHashMap<>();
    if (aot) {
      variants.put("image flags + AOT cache", List.of("-XX:AOTMode=on"));
      variants.put("image flags, no AOT cache", List.of("-XX:AOTMode=off"));
      variants.put("AOT cache, C2 on", List.of("-XX:AOTMode=on", "-XX:TieredStopAtLevel=4"));
      variants.put("AOT cache, 256m heap", List.of("-XX:AOTMode=on", "-Xmx256m"));
    } else {
      variants.put("image flags (CDS archive)", List.of());
      variants.put("C2 on", List.of("-XX:TieredStopAtLevel=4"));
      variants.put("no CDS archive", List.of("-Xshare:off"));
    }
    return variants;
  }

  /** median (min-max). */
  private static String stats(long[] values) {
    long[] s = values.clone();
    Arrays.sort(s);
    return String.format(Locale.ROOT, "%d (%d-%d)", s[s.length / 2], s[0], s[s.length - 1]);
  }
}
