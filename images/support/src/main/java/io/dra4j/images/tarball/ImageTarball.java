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
package io.dra4j.images.tarball;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An OCI image tarball as {@code jib:buildTar} writes it ({@code oci-layout}, {@code index.json},
 * {@code blobs/sha256/*}): its manifest, its configuration and its gzipped layers. {@link #unpack}
 * extracts the layers in order into a directory, which is all a container runtime does to build the
 * root file system of an image without whiteouts.
 *
 * <pre>{@code
 * ImageTarball image = ImageTarball.open(Path.of("target/jib-image.tar"), workDir);
 * Path rootfs = image.unpack(workDir.resolve("rootfs"));
 * List<String> entrypoint = image.config().entrypoint();
 * }</pre>
 */
public final class ImageTarball {
  private final Path tarball;
  private final Path blobs;
  private final String manifestDigest;
  private final List<Layer> layers;
  private final long configSize;
  private final long manifestSize;
  private final ImageConfig config;

  /**
   * A layer blob.
   *
   * @param digest {@code sha256:<hex>} of the compressed blob
   * @param size the compressed size in bytes
   */
  public record Layer(String digest, long size) {}

  private ImageTarball(Path tarball, Path blobs, JsonObject index) throws IOException {
    this.tarball = tarball;
    this.blobs = blobs;
    JsonArray manifests = index.getAsJsonArray("manifests");
    if (manifests == null || manifests.size() != 1) {
      throw new IllegalArgumentException(
          tarball + ": index.json must list exactly one image manifest (a single-platform image)");
    }
    JsonObject ref = manifests.get(0).getAsJsonObject();
    manifestDigest = ref.get("digest").getAsString();
    manifestSize = ref.get("size").getAsLong();
    JsonObject manifest = json(blob(manifestDigest));
    JsonObject configRef = manifest.getAsJsonObject("config");
    configSize = configRef.get("size").getAsLong();
    List<Layer> ls = new ArrayList<>();
    for (JsonElement l : manifest.getAsJsonArray("layers")) {
      JsonObject o = l.getAsJsonObject();
      String mediaType = o.get("mediaType").getAsString();
      if (!mediaType.endsWith("tar+gzip")) {
        throw new IllegalArgumentException(
            tarball
                + ": layer "
                + o.get("digest")
                + " has media type "
                + mediaType
                + "; only gzip");
      }
      ls.add(new Layer(o.get("digest").getAsString(), o.get("size").getAsLong()));
    }
    layers = List.copyOf(ls);
    config = parseConfig(json(blob(configRef.get("digest").getAsString())));
  }

  /**
   * Opens an image tarball, extracting its blobs into {@code workDir} (which is created).
   *
   * @throws IllegalArgumentException when the file is not an OCI image tarball; the message says
   *     what is missing
   * @throws UncheckedIOException when it cannot be read
   */
  public static ImageTarball open(Path tarball, Path workDir) {
    if (!Files.isRegularFile(tarball)) {
      throw new IllegalArgumentException(
          "image tarball "
              + tarball
              + " does not exist: build it with the image profile (-Pimage)");
    }
    try {
      Path blobs = Files.createDirectories(workDir.resolve("blobs"));
      Commands.run(List.of("tar", "-xf", tarball.toString(), "-C", workDir.toString()));
      Path index = workDir.resolve("index.json");
      if (!Files.isRegularFile(index) || !Files.isRegularFile(workDir.resolve("oci-layout"))) {
        throw new IllegalArgumentException(
            tarball
                + " is not an OCI image layout tarball (no oci-layout or index.json): build it"
                + " with <container><format>OCI</format></container>");
      }
      return new ImageTarball(
          tarball, blobs.resolve("sha256"), json(Files.readString(index, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read image tarball " + tarball, e);
    }
  }

  /** The tarball this image was read from. */
  public Path tarball() {
    return tarball;
  }

  /** The digest of the image manifest, the image's identity in a registry. */
  public String manifestDigest() {
    return manifestDigest;
  }

  /** The layers, base first. */
  public List<Layer> layers() {
    return layers;
  }

  /** The configuration. */
  public ImageConfig config() {
    return config;
  }

  /** What a registry stores and a node pulls: the compressed layers, the config and manifest. */
  public long compressedSize() {
    return layers.stream().mapToLong(Layer::size).sum() + configSize + manifestSize;
  }

  /**
   * Extracts the layers, base first, into {@code rootfs} (created, must be empty or absent),
   * keeping file modes and symbolic links; files belong to the current user.
   *
   * @return {@code rootfs}
   * @throws IllegalStateException when a layer holds whiteout entries, which need an overlay
   */
  public Path unpack(Path rootfs) {
    try {
      Files.createDirectories(rootfs);
      try (Stream<Path> s = Files.list(rootfs)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException("cannot unpack into " + rootfs + ": not empty");
        }
      }
      for (Layer layer : layers) {
        Path blob = blobs.resolve(hex(layer.digest()));
        String listing = Commands.run(List.of("tar", "-tzf", blob.toString()));
        if (listing.contains(".wh.")) {
          throw new IllegalStateException(
              "layer " + layer.digest() + " of " + tarball + " has whiteout entries");
        }
        Commands.run(
            List.of(
                "tar",
                "-xzf",
                blob.toString(),
                "-C",
                rootfs.toString(),
                "--no-same-owner",
                "--preserve-permissions",
                "--warning=no-unknown-keyword"));
      }
      return rootfs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot unpack " + tarball + " into " + rootfs, e);
    }
  }

  /** Deletes a directory tree, such as an unpacked root file system; absent is fine. */
  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  private String blob(String digest) throws IOException {
    Path p = blobs.resolve(hex(digest));
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(tarball + ": blob " + digest + " is missing");
    }
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  private static String hex(String digest) {
    if (!digest.startsWith("sha256:")) {
      throw new IllegalArgumentException("unsupported digest " + digest + ": only sha256");
    }
    return digest.substring("sha256:".length());
  }

  private static JsonObject json(String text) {
    return JsonParser.parseString(text).getAsJsonObject();
  }

  static ImageConfig parseConfig(JsonObject json) {
    Map<String, String> labels = new LinkedHashMap<>();
    JsonFields.object(json, "config", "Labels")
        .ifPresent(
            l -> l.entrySet().forEach(e -> labels.put(e.getKey(), e.getValue().getAsString())));
    return new ImageConfig(
        JsonFields.strings(json, "config", "Entrypoint"),
        JsonFields.strings(json, "config", "Env"),
        nonEmpty(JsonFields.string(json, "config", "User")),
        nonEmpty(JsonFields.string(json, "config", "WorkingDir")),
        JsonFields.strings(json, "rootfs", "diff_ids"),
        labels);
  }

  private static Optional<String> nonEmpty(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
