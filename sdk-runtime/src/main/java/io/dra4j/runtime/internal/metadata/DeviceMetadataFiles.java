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
package io.dra4j.runtime.internal.metadata;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import io.dra4j.api.device.Device;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.checkpoint.AtomicFile;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.runtime.internal.slices.PublishedDevices;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and removes the device metadata of prepared claims: per base request, the metadata file on
 * the host and the CDI spec that mounts it. Files are replaced atomically and left alone when their
 * content is already right, so repeating a prepare (after a driver restart, say) rewrites nothing.
 * Thread-safe for different claims; the caller keeps one claim on one thread.
 */
public final class DeviceMetadataFiles {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceMetadataFiles.class);
  private static final String FILE_PERMISSIONS = "rw-r--r--";

  private final String driver;
  private final MetadataLayout layout;
  private final PublishedDevices published;
  private final boolean enabled;

  /**
   * @param driver the driver name
   * @param layout where the files go
   * @param published the devices the driver published, for their attributes
   * @param enabled whether prepare writes files; removing works either way, so that turning the
   *     option off still cleans up after claims prepared while it was on
   */
  public DeviceMetadataFiles(
      String driver, MetadataLayout layout, PublishedDevices published, boolean enabled) {
    this.driver = driver;
    this.layout = layout;
    this.published = published;
    this.enabled = enabled;
  }

  /** Whether prepare writes metadata files. */
  public boolean enabled() {
    return enabled;
  }

  /** Where the files go. */
  public MetadataLayout layout() {
    return layout;
  }

  /**
   * Writes the files of every request the devices serve; returns the CDI device ID per base
   * request.
   *
   * @param claim the claim
   * @param podClaimName the claim's name in the pod when the claim was made from a template
   * @param devices the claim's prepared devices of this driver, in prepare order
   * @throws IllegalArgumentException when a name cannot be part of a path (the message names it)
   * @throws IOException when a file cannot be written
   */
  public Map<String, String> write(
      ClaimRef claim, Optional<String> podClaimName, List<AllocatedDevice> devices)
      throws IOException {
    layout.checkClaim(claim);
    Map<String, List<AllocatedDevice>> byRequest = new LinkedHashMap<>();
    for (AllocatedDevice d : devices) {
      byRequest.computeIfAbsent(d.baseRequest(), k -> new ArrayList<>()).add(d);
    }
    // Every name is checked before the first file is written.
    for (String request : byRequest.keySet()) {
      layout.containerFile(claim, podClaimName, request);
    }
    Map<String, String> ids = new LinkedHashMap<>();
    for (Map.Entry<String, List<AllocatedDevice>> e : byRequest.entrySet()) {
      String request = e.getKey();
      String containerFile = layout.containerFile(claim, podClaimName, request);
      Path hostFile = layout.hostFile(claim.uid(), request);
      byte[] metadata =
          MetadataJson.metadata(
              driver,
              claim,
              podClaimName,
              e.getValue().get(0).request(),
              e.getValue().stream().map(d -> device(claim, d)).toList());
      Files.createDirectories(hostFile.getParent());
      boolean wrote = writeIfChanged(hostFile, metadata);
      byte[] spec =
          MetadataJson.cdiSpec(
              layout.cdiKind(),
              layout.cdiDeviceName(claim.uid(), request),
              hostFile,
              containerFile);
      wrote |= writeIfChanged(layout.specFile(claim.uid(), request), spec);
      if (wrote) {
        LOG.info(
            "Wrote device metadata of claim {} request {} (driver {}): {} mounted at {}",
            claim,
            request,
            driver,
            hostFile,
            containerFile);
      }
      ids.put(request, layout.cdiDeviceId(claim.uid(), request));
    }
    return ids;
  }

  /** Whether metadata files of the claim exist on the host. */
  public boolean hasFiles(ClaimRef claim) {
    return !hostFiles(claim.uid()).isEmpty();
  }

  /**
   * The pod claim name the claim's metadata files recorded, read back from the first one; empty
   * when they recorded none or cannot be read.
   */
  public Optional<String> recordedPodClaimName(ClaimRef claim) {
    for (Path file : hostFiles(claim.uid())) {
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        JsonReader reader = new JsonReader(in);
        reader.setLenient(true); // a stream of objects
        JsonElement first = JsonParser.parseReader(reader);
        String name =
            first.isJsonObject() ? JsonFields.string(first.getAsJsonObject(), "podClaimName") : "";
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
      } catch (IOException | JsonParseException | IllegalStateException e) {
        LOG.warn("cannot read device metadata file {} of claim {}: {}", file, claim, e.toString());
      }
    }
    return Optional.empty();
  }

  /**
   * Removes every metadata file and CDI spec of the claim; missing files are fine. The specs go
   * first, so a container runtime never finds a spec whose file is gone.
   *
   * @throws IOException naming the file that cannot be removed
   */
  public void remove(String claimUid) throws IOException {
    String prefix = layout.specPrefix(claimUid);
    List<Path> specs = new ArrayList<>();
    if (Files.isDirectory(layout.cdiDir())) {
      try (Stream<Path> files = Files.list(layout.cdiDir())) {
        files
            .filter(
                f -> {
                  String n = f.getFileName().toString();
                  return n.startsWith(prefix) && n.endsWith(".json");
                })
            .forEach(specs::add);
      }
    }
    for (Path spec : specs) {
      delete(spec);
    }
    Path dir = layout.claimDir(claimUid);
    if (Files.exists(dir)) {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          delete(p);
        }
      }
    }
    if (!specs.isEmpty()) {
      AtomicFile.fsyncDirectory(layout.cdiDir());
      LOG.info("Removed device metadata of claim uid {} (driver {})", claimUid, driver);
    }
  }

  private MetadataDevice device(ClaimRef claim, AllocatedDevice d) {
    Optional<Device> device = published.find(d.pool(), d.device());
    if (device.isEmpty()) {
      LOG.warn(
          "device {}/{} of claim {} is not among the devices driver {} published; its metadata"
              + " has no attributes",
          d.pool(),
          d.device(),
          claim,
          driver);
    }
    return new MetadataDevice(
        d.pool(), d.device(), device.map(Device::attributes).orElse(Map.of()));
  }

  private List<Path> hostFiles(String claimUid) {
    Path dir = layout.claimDir(claimUid);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> requests = Files.list(dir)) {
      return requests
          .map(r -> r.resolve("metadata.json"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean writeIfChanged(Path file, byte[] content) throws IOException {
    try {
      if (Arrays.equals(Files.readAllBytes(file), content)) {
        return false;
      }
    } catch (IOException absent) {
      // written below
    }
    AtomicFile.write(file, content, FILE_PERMISSIONS);
    return true;
  }

  private static void delete(Path p) throws IOException {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new IOException("cannot remove " + p + ": " + AtomicFile.describe(e), e);
    }
  }
}
