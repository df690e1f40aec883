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
package io.dra4j.conformance.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code helm} (v3) binary built from Go modules by {@code e2e/build-helm.sh}, used to render
 * charts exactly as {@code helm install} would before applying them to a real API server, and to
 * install and upgrade releases.
 *
 * @param binary the executable
 */
public record Helm(Path binary) {
  private static final Logger LOG = LoggerFactory.getLogger(Helm.class);

  /** Checks that {@code binary} is an executable file. */
  public Helm {
    Objects.requireNonNull(binary, "binary");
    if (!Files.isExecutable(binary)) {
      throw new BinariesUnavailableException(
          "no executable helm at " + binary + "; rebuild it with e2e/build-helm.sh");
    }
  }

  /**
   * Runs {@code script} ({@code e2e/build-helm.sh}), which builds helm on first use (about two
   * minutes) and reuses its cache afterwards; its progress goes to {@code log}.
   *
   * @throws BinariesUnavailableException with the reason when there is no Go toolchain, the script
   *     is missing, or the build fails
   */
  public static Helm build(Path script, Path log) {
    long started = System.nanoTime();
    Helm helm = new Helm(Path.of(BuildScripts.run(script, List.of(), log, "helm")));
    LOG.info(
        "helm ready at {} after {} ms", helm.binary(), (System.nanoTime() - started) / 1_000_000);
    return helm;
  }

  /**
   * Renders {@code chart} as {@code helm template} does for a release named {@code release} in
   * {@code namespace} on a cluster of {@code kubernetesVersion} (checked against the chart's {@code
   * kubeVersion}), with {@code values} given as {@code --set key=value}.
   *
   * @return the rendered manifests, {@code ---} separated
   * @throws IllegalArgumentException with helm's message when the chart does not render
   */
  public String template(
      Path chart,
      String release,
      String namespace,
      String kubernetesVersion,
      Map<String, String> values) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "template",
                release,
                chart.toString(),
                "--namespace",
                namespace,
                "--kube-version",
                "v" + kubernetesVersion));
    values.forEach((k, v) -> command.addAll(List.of("--set", k + "=" + v)));
    return run(command, "helm template of " + chart + " with " + values);
  }

  /**
   * Installs {@code chart} as release {@code release} in {@code namespace} of the cluster of {@code
   * kubeconfig}, or upgrades the release when it exists ({@code helm upgrade --install}), with the
   * values of {@code valuesFile}; returns once the API server has stored the objects, without
   * waiting for their pods.
   *
   * @return helm's report of the release
   * @throws IllegalArgumentException with helm's message when the chart does not install
   */
  public String upgradeInstall(
      Path chart, String release, String namespace, Path kubeconfig, Path valuesFile) {
    return run(
        List.of(
            "upgrade",
            "--install",
            release,
            chart.toString(),
            "--namespace",
            namespace,
            "--kubeconfig",
            kubeconfig.toString(),
            "--values",
            valuesFile.toString()),
        "helm upgrade --install of " + chart + " as " + release + " with " + valuesFile);
  }

  private String run(List<String> args, String what) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command).start();
      process.getOutputStream().close();
      CompletableFuture<byte[]> errors =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return process.getErrorStream().readAllBytes();
                } catch (IOException e) {
                  return e.toString().getBytes(StandardCharsets.UTF_8);
                }
              });
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(what + " did not finish in 120 s");
      }
      String err = new String(errors.get(), StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0) {
        throw new IllegalArgumentException(
            what + " failed (exit code " + process.exitValue() + "): " + err);
      }
      return out;
    } catch (IOException | ExecutionException e) {
      throw new IllegalStateException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + what, e);
    }
  }
}
