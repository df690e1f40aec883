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
package io.dra4j.bench.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fault campaign's entry point: runs the chosen scenarios one after another, each on a fresh
 * node below a temporary directory, and prints one table per scenario (see {@link Options#USAGE}).
 * A scenario that cannot run prints why; the campaign reports, it never asserts.
 */
public final class FaultCampaign {
  private FaultCampaign() {}

  public static void main(String[] args) throws Exception {
    // The campaign's own gRPC client polls sockets that come and go; its warnings are noise.
    System.setProperty("org.slf4j.simpleLogger.log.io.grpc", "error");
    // A campaign stopped with ^C or SIGTERM takes its driver process with it.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly)));
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    run(options);
  }

  /** Runs the scenarios; a table per scenario, printed as each ends. */
  static List<Table> run(Options options) throws Exception {
    // Short: unix socket paths must stay under 108 bytes.
    Path work = Files.createTempDirectory(Files.createDirectories(options.work()), "faults");
    KillScenarios kills = new KillScenarios(options);
    OutageScenarios outages = new OutageScenarios(options);
    List<Table> tables = new ArrayList<>();
    try {
      for (char s : options.scenarios()) {
        Path dir = Files.createDirectories(work.resolve(String.valueOf(s)));
        long start = System.nanoTime();
        System.out.println("scenario " + s + " ...");
        Table t;
        try {
          t =
              switch (s) {
                case 'a' -> kills.kills(dir);
                case 'b' -> kills.corruptions(dir);
                case 'c' -> outages.apiOutage(dir);
                case 'd' -> outages.diskFull(dir);
                case 'e' -> outages.malformed(dir);
                default -> kills.soak(dir);
              };
        } catch (RuntimeException e) {
          t =
              new Table("scenario " + s + " FAILED to run", "error")
                  .row(e.getMessage().replace('\n', ' '));
        }
        t.note("(scenario " + s + " took " + (System.nanoTime() - start) / 1_000_000_000L + " s)");
        System.out.println(t.markdown());
        tables.add(t);
      }
    } finally {
      delete(work);
    }
    return tables;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
