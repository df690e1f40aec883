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
package io.dra4j.testkit.explain;

import io.dra4j.runtime.internal.cli.Flags;
import io.dra4j.runtime.internal.cli.UsageException;
import io.dra4j.runtime.internal.logging.LogFormat;
import io.dra4j.runtime.internal.logging.RuntimeLogging;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.event.Level;

/**
 * The {@code explain} command: reads a live cluster through a kubeconfig and prints why a pending
 * pod's ResourceClaims ({@code --pod}) or one claim ({@code --claim}) cannot be allocated, per
 * node, claim and request, with the testkit's allocator. Exit status 0 when it printed an answer
 * (an explanation, or that the claims are allocated or allocatable), 1 when the cluster cannot be
 * read, 2 for bad flags.
 */
public final class ExplainMain {
  /** Exit status when the cluster cannot be read. */
  public static final int EXIT_UNREADABLE = 1;

  /** Exit status for a bad command line. */
  public static final int EXIT_USAGE = 2;

  private static final Flags FLAGS =
      Flags.builder("java -cp <class path> " + ExplainMain.class.getName() + " --pod NAME [flags]")
          .description(
              "Reads the DeviceClasses, ResourceSlices, Nodes and ResourceClaims of a cluster and"
                  + " says why the ResourceClaims of a pending pod (or one ResourceClaim) cannot"
                  + " be allocated, per node, claim and request, with the allocator of the dra4j"
                  + " testkit. Devices of claims that are already allocated count as in use.")
          .value(
              "--kubeconfig",
              "FILE",
              "the cluster's kubeconfig (default: the first file of $KUBECONFIG, else"
                  + " ~/.kube/config)")
          .value(
              "--namespace",
              "NS",
              "the namespace of the pod or claim (default: the kubeconfig context's, else"
                  + " default)")
          .value("--pod", "NAME", "explain the ResourceClaims of this pod")
          .value("--claim", "NAME", "explain this ResourceClaim instead")
          .toggle("--json", "print one JSON object instead of text")
          .build();

  private ExplainMain() {}

  /** Entry point: prints the answer and exits with {@link #run}'s status. */
  public static void main(String[] args) {
    // Run by hand, the class path has no SLF4J provider: only warnings, in the runtime's format.
    RuntimeLogging.configure(Level.WARN, LogFormat.TEXT, System.err);
    System.exit(run(List.of(args), System.getenv(), System.out, System.err));
  }

  /**
   * Runs the command.
   *
   * @param env the environment ({@code KUBECONFIG}, {@code HOME})
   * @return the exit status: 0, {@link #EXIT_UNREADABLE} or {@link #EXIT_USAGE}
   */
  public static int run(
      List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Flags.Parsed flags;
    String target;
    boolean pod;
    Optional<Path> given;
    try {
      flags = FLAGS.parse(args, Map.of());
      if (flags.help()) {
        out.print(FLAGS.usage());
        return 0;
      }
      Optional<String> podName = nonBlank(flags, "--pod");
      Optional<String> claimName = nonBlank(flags, "--claim");
      if (podName.isPresent() == claimName.isPresent()) {
        throw new UsageException(
            "give exactly one of --pod NAME (explain a pod's claims) and --claim NAME (explain"
                + " one ResourceClaim)");
      }
      pod = podName.isPresent();
      target = podName.orElseGet(claimName::orElseThrow);
      given = givenKubeconfig(flags);
    } catch (UsageException e) {
      Flags.printRefusal(err, e.getMessage());
      return EXIT_USAGE;
    }
    try {
      Path kubeconfig = given.isPresent() ? given.get() : defaultKubeconfig(env);
      try (ClusterReader reader = ClusterReader.connect(kubeconfig)) {
        String ns =
            flags
                .value("--namespace")
                .or(reader::namespace)
                .filter(n -> !n.isBlank())
                .orElse("default");
        ClaimDiagnosis diagnosis = new ClaimDiagnosis(reader);
        ExplainReport report = pod ? diagnosis.forPod(ns, target) : diagnosis.forClaim(ns, target);
        out.print(flags.has("--json") ? report.json() + "\n" : report.text());
        return 0;
      }
    } catch (ClusterReadException e) {
      err.println("error: " + e.getMessage());
      return EXIT_UNREADABLE;
    }
  }

  private static Optional<String> nonBlank(Flags.Parsed flags, String flag) throws UsageException {
    Optional<String> v = flags.value(flag);
    if (v.isPresent() && v.get().isBlank()) {
      throw new UsageException(flag + " needs a name, got an empty value");
    }
    return v;
  }

  /** The file {@code --kubeconfig} names, which must be readable; empty when not given. */
  private static Optional<Path> givenKubeconfig(Flags.Parsed flags) throws UsageException {
    Optional<String> given = flags.value("--kubeconfig");
    if (given.isEmpty()) {
      return Optional.empty();
    }
    try {
      Path p = Path.of(given.get());
      if (!Files.isReadable(p) || Files.isDirectory(p)) {
        throw new UsageException(
            "--kubeconfig " + p + " is not a readable file: fix the path, or leave the flag out");
      }
      return Optional.of(p);
    } catch (InvalidPathException e) {
      throw new UsageException(
          "--kubeconfig '" + given.get() + "' is not a valid path: " + e.getReason());
    }
  }

  /** The first file of {@code $KUBECONFIG}, else {@code ~/.kube/config}, as kubectl picks it. */
  private static Path defaultKubeconfig(Map<String, String> env) throws ClusterReadException {
    String list = env.getOrDefault("KUBECONFIG", "");
    if (!list.isBlank()) {
      for (String entry : list.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          Path p = Path.of(entry);
          if (Files.isReadable(p)) {
            return p;
          }
          throw new ClusterReadException(
              "$KUBECONFIG names "
                  + p
                  + ", which is not a readable file: fix KUBECONFIG or pass --kubeconfig FILE");
        }
      }
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    Path p = Path.of(home, ".kube", "config");
    if (!Files.isReadable(p)) {
      throw new ClusterReadException(
          "no kubeconfig: KUBECONFIG is unset and "
              + p
              + " does not exist; pass --kubeconfig FILE or set KUBECONFIG");
    }
    return p;
  }
}
