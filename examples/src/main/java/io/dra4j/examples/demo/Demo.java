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
package io.dra4j.examples.demo;

import io.dra4j.runtime.internal.cli.Flags;
import io.dra4j.testkit.cluster.ClusterDevice;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The README's main job: an in-memory Kubernetes API server and simulated AWS nodes (fixture sysfs
 * trees) with the Neuron and EFA drivers on real unix sockets; the DeviceClasses and a seed
 * ResourceClaimTemplate are applied and pods are scheduled until the nodes are full, then one more
 * that cannot fit, with the allocator's explanation. Run {@code java -jar dra4j-demo.jar --help}.
 */
public final class Demo {
  /** Exit status of a run that told its story. */
  public static final int OK = 0;

  /** Exit status when the cluster failed or a scheduled pod did not start. */
  public static final int FAILED = 1;

  /** Exit status of a bad command line. */
  public static final int USAGE = 2;

  private Demo() {}

  /** Runs the demo and exits with {@link #run}'s status. */
  public static void main(String[] args) {
    // The drivers and the testkit log at INFO; the demo's own output tells the story.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    // The drivers log through System.Logger, which is java.util.logging here.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    System.exit(run(List.of(args), System.out, System.err));
  }

  /**
   * Runs the demo in this JVM: tables (or, with {@code --json}, one JSON document) on {@code out},
   * errors on {@code err}, progress on {@code out} (on {@code err} with {@code --json}).
   *
   * @return {@link #OK}, {@link #FAILED} or {@link #USAGE}
   */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (DemoOptions.UsageException e) {
      Flags.printRefusal(err, e.getMessage());
      return USAGE;
    }
    if (options.help()) {
      out.print(DemoOptions.USAGE);
      return OK;
    }
    long t0 = System.nanoTime();
    PrintStream progress = options.json() ? err : out;
    if (!options.json()) {
      out.print(TextReport.header(options));
    }
    DemoListener listener =
        new DemoListener() {
          @Override
          public void step(String message) {
            progress.printf(Locale.ROOT, "[%6.2f s] %s%n", (System.nanoTime() - t0) / 1e9, message);
            progress.flush();
          }

          @Override
          public void published(SeedTemplate template, List<ClusterDevice> devices) {
            if (!options.json()) {
              out.print(TextReport.template(template));
              out.print(TextReport.published(devices));
              out.println();
            }
          }

          @Override
          public void pod(SeedTemplate template, PodOutcome pod) {
            if (options.json()) {
              step(
                  "pod "
                      + pod.pod()
                      + (pod.scheduled()
                          ? " scheduled on " + pod.node().orElseThrow()
                          : " unschedulable"));
            } else {
              out.print(TextReport.pod(template, pod));
              out.println();
            }
          }
        };
    DemoReport report;
    try {
      report = DemoScenario.run(options, listener);
    } catch (DemoScenario.StoppedException e) {
      err.println("error: " + e.getMessage());
      return FAILED;
    } catch (RuntimeException e) {
      err.println("dra4j-demo failed: " + e.getMessage());
      e.printStackTrace(err);
      return FAILED;
    }
    if (options.json()) {
      out.println(JsonReport.render(report));
    } else {
      out.print(TextReport.summary(report));
    }
    if (!report.failed().isEmpty()) {
      err.println(
          "dra4j-demo: "
              + report.failed().size()
              + " scheduled pod(s) could not start: "
              + report.failed().get(0).errors());
      return FAILED;
    }
    return OK;
  }
}
