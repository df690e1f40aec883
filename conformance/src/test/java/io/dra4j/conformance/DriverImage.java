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
package io.dra4j.conformance;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * A driver's image as the build left it in {@code drivers/<driver>/target/jib-image.tar}: the image
 * of a default build (the driver module's {@code test-image} execution) or the release image of
 * {@code -Pimage}; both are OCI layout tarballs named in their {@code index.json}.
 *
 * @param tarball the OCI layout tarball
 * @param repository the image's name without its tag, e.g. {@code ghcr.io/dra4j/neuron-dra-driver}
 * @param tag the image's tag, e.g. the project version
 */
record DriverImage(Path tarball, String repository, String tag) {

  /**
   * The image of {@code drivers/<driver>}; skips the test loudly when the build could not make it
   * (the reason {@code images/build-test-base.sh} wrote) or did not run.
   */
  static DriverImage of(String driver) {
    Path target = Clusters.repoRoot().resolve("drivers").resolve(driver).resolve("target");
    Path tarball = target.resolve("jib-image.tar");
    Path unavailable = target.resolve("image/unavailable.txt");
    String skipped = "REAL-NODE HELM E2E TESTS SKIPPED: no " + driver + " driver image: ";
    if (Files.isRegularFile(unavailable)) {
      Assumptions.abort(Clusters.banner(skipped + read(unavailable).strip()));
    }
    if (!Files.isRegularFile(tarball)) {
      Assumptions.abort(
          Clusters.banner(
              skipped
                  + tarball
                  + " does not exist; the driver module's pre-integration-test phase builds it"
                  + " (./mvnw verify -pl conformance -am)"));
    }
    String name = refName(tarball);
    int colon = name.lastIndexOf(':');
    if (colon <= name.lastIndexOf('/')) {
      throw new IllegalStateException(tarball + " names its image " + name + " without a tag");
    }
    return new DriverImage(tarball, name.substring(0, colon), name.substring(colon + 1));
  }

  /** The image's full name, as containerd knows it after the import. */
  String name() {
    return repository + ":" + tag;
  }

  /** The name in index.json ({@code org.opencontainers.image.ref.name}), as Jib writes it. */
  private static String refName(Path tarball) {
    try {
      Process tar =
          new ProcessBuilder("tar", "-xOf", tarball.toString(), "index.json")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      String index = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (tar.waitFor() != 0) {
        throw new IllegalStateException(tarball + " has no index.json: not an OCI layout tarball");
      }
      JsonObject manifest =
          JsonParser.parseString(index)
              .getAsJsonObject()
              .getAsJsonArray("manifests")
              .get(0)
              .getAsJsonObject();
      return manifest
          .getAsJsonObject("annotations")
          .get("org.opencontainers.image.ref.name")
          .getAsString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read index.json of " + tarball, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + tarball, e);
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
