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
package io.dra4j.images.sbom;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The CycloneDX SBOM a driver image carries at {@value #PATH_IN_IMAGE}: the image's own component
 * (the driver) and the libraries it lists. {@link #mismatches} holds it against the jars the image
 * really has, so an SBOM that names a jar the image lacks, or misses one it has, is caught.
 *
 * @param root the component the SBOM describes ({@code metadata.component}): the driver jar
 * @param components the libraries ({@code components}), in SBOM order
 */
public record ImageSbom(Component root, List<Component> components) {
  /** Where the image build puts the SBOM in the image. */
  public static final String PATH_IN_IMAGE = "/sbom/bom.json";

  /** The directories of an image whose jars make its class path (Jib's layout). */
  public static final List<String> CLASS_PATH_DIRECTORIES = List.of("/app/classpath", "/app/libs");

  public ImageSbom {
    Objects.requireNonNull(root, "root");
    components = List.copyOf(components);
  }

  /**
   * A Maven artifact in the SBOM.
   *
   * @param group the group id, empty when the SBOM gives none
   * @param name the artifact id
   * @param version the version
   * @param classifier the classifier (the {@code classifier} qualifier of its package URL), empty
   *     for none
   */
  public record Component(String group, String name, String version, String classifier) {
    public Component {
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(classifier, "classifier");
    }

    /** The file name of this component's jar: {@code name-version[-classifier].jar}. */
    public String jar() {
      return name + "-" + version + (classifier.isEmpty() ? "" : "-" + classifier) + ".jar";
    }

    @Override
    public String toString() {
      return (group.isEmpty() ? "" : group + ":")
          + name
          + ":"
          + version
          + (classifier.isEmpty() ? "" : ":" + classifier);
    }
  }

  /**
   * Reads a CycloneDX JSON SBOM.
   *
   * @param what names the SBOM in messages (a path)
   * @throws IllegalArgumentException when it is not JSON, not CycloneDX, or a component lacks its
   *     name or version
   */
  public static ImageSbom parse(String json, String what) {
    JsonObject bom;
    try {
      bom = JsonParser.parseString(json).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new IllegalArgumentException(what + " is not a JSON object: " + e.getMessage(), e);
    }
    if (!"CycloneDX".equals(JsonFields.string(bom, "bomFormat"))) {
      throw new IllegalArgumentException(
          what
              + " is not a CycloneDX SBOM (bomFormat is '"
              + JsonFields.string(bom, "bomFormat")
              + "', expected 'CycloneDX'); make it with cyclonedx-maven-plugin (outputFormat json)");
    }
    JsonObject root =
        JsonFields.object(bom, "metadata", "component")
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        what + " has no metadata.component: it does not say what it describes"));
    List<Component> components = new ArrayList<>();
    for (JsonObject c : JsonFields.objects(bom, "components")) {
      components.add(component(c, what));
    }
    return new ImageSbom(component(root, what), components);
  }

  /**
   * Reads the SBOM of an image unpacked at {@code rootfs}.
   *
   * @throws IllegalArgumentException when the image has none, or it does not parse
   */
  public static ImageSbom read(Path rootfs) {
    Path file = inImage(rootfs, PATH_IN_IMAGE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "the image has no SBOM at "
              + PATH_IN_IMAGE
              + ": the image profile's cyclonedx-maven-plugin execution (image-sbom) must write it"
              + " to target/image/extra/sbom/bom.json before Jib runs");
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), PATH_IN_IMAGE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * The file names of the jars in the class path directories of an image unpacked at {@code
   * rootfs}, sorted.
   */
  public static List<String> classPathJars(Path rootfs) {
    List<String> jars = new ArrayList<>();
    for (String dir : CLASS_PATH_DIRECTORIES) {
      Path d = inImage(rootfs, dir);
      if (!Files.isDirectory(d)) {
        continue;
      }
      try (Stream<Path> files = Files.list(d)) {
        files
            .map(p -> p.getFileName().toString())
            .filter(n -> n.endsWith(".jar"))
            .forEach(jars::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + d, e);
      }
    }
    return jars.stream().sorted().toList();
  }

  /**
   * What does not agree between this SBOM and the jars of the image's class path: each jar that no
   * component (nor the root) is, and each component (or the root) that no jar is. Empty when the
   * SBOM lists exactly the image's class path.
   */
  public List<String> mismatches(List<String> jars) {
    List<Component> all = new ArrayList<>(components);
    all.add(0, root);
    List<String> out = new ArrayList<>();
    for (String jar : jars) {
      if (all.stream().noneMatch(c -> c.jar().equals(jar))) {
        out.add("the image holds " + jar + ", which the SBOM does not list");
      }
    }
    for (Component c : all) {
      if (!jars.contains(c.jar())) {
        out.add("the SBOM lists " + c + ", which is not a jar of the image's class path");
      }
    }
    return out;
  }

  private static Component component(JsonObject c, String what) {
    String name = JsonFields.string(c, "name");
    String version = JsonFields.string(c, "version");
    if (name.isEmpty() || version.isEmpty()) {
      throw new IllegalArgumentException(
          what
              + " has a component without name or version (name '"
              + name
              + "', version '"
              + version
              + "', purl '"
              + JsonFields.string(c, "purl")
              + "'); every library of the image needs both");
    }
    return new Component(
        JsonFields.string(c, "group"), name, version, classifier(JsonFields.string(c, "purl")));
  }

  /** The {@code classifier} qualifier of a package URL ({@code pkg:maven/g/n@v?classifier=x}). */
  static String classifier(String purl) {
    int q = purl.indexOf('?');
    if (q < 0) {
      return "";
    }
    String qualifiers = purl.substring(q + 1).split("#", 2)[0];
    for (String pair : qualifiers.split("&")) {
      if (pair.startsWith("classifier=")) {
        return URLDecoder.decode(pair.substring("classifier=".length()), StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static Path inImage(Path rootfs, String absolute) {
    return rootfs.resolve(absolute.substring(1));
  }
}
