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
package io.dra4j.runtime.internal.cdi;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.DeviceNode;
import io.dra4j.api.prepare.Hook;
import io.dra4j.api.prepare.Mount;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PreparedDevice;
import io.dra4j.runtime.internal.checkpoint.AtomicFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one CDI spec per claim into the runtime's dynamic spec directory. Thread-safe for
 * different claims; writing the same claim concurrently is safe too (the last rename wins).
 *
 * <p>The spec has vendor {@code k8s.<driver>} and class {@code claim}, lives in {@code
 * <dir>/k8s.<driver>-claim_<claimUid>.json} and names each device {@code <claimUid>-<device>} (with
 * {@code -<index>} appended when the same device appears twice, and to every name when such a
 * suffix would repeat another device's name), so names are never reused across claims and runtimes
 * that cache specs cannot mix them up. {@link Preparation#common()} becomes the spec-level {@code
 * containerEdits}.
 *
 * <p><b>Canary variable.</b> Every device gets the environment variable {@code
 * DRA_<DRIVER>_<CLAIMUID>_<n>=<pool>/<device>} (driver and claim UID upper-cased, every character
 * outside {@code [A-Z0-9]} replaced by {@code _}; {@code n} is the device's index in the
 * preparation). CDI rejects devices with empty edits, so this keeps devices without edits
 * injectable, and it lets a container (or a node preflight) prove that CDI injection actually
 * happened: a runtime with CDI disabled silently drops the devices, and the variable is missing.
 *
 * <p>The {@code cdiVersion} is the lowest version that expresses the edits: 0.3.0, 0.4.0 when a
 * mount has a type, 0.5.0 when a device node has a host path or a device name starts with a digit
 * (claim UIDs often do). Older runtimes reject newer versions, so never more than needed.
 */
public final class CdiSpecWriter {
  private static final Logger LOG = LoggerFactory.getLogger(CdiSpecWriter.class);

  /** Device names: alphanumeric at both ends, {@code [A-Za-z0-9_.:-]} in between. */
  private static final Pattern DEVICE_NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.:-]*[A-Za-z0-9])?");

  /** Vendor and class: a letter first, alphanumeric last, {@code [A-Za-z0-9_.-]} in between. */
  private static final Pattern VENDOR = Pattern.compile("[A-Za-z]([A-Za-z0-9_.-]*[A-Za-z0-9])?");

  static final String CLASS = "claim";
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private final Path cdiDir;
  private final String driverName;
  private final String vendor;
  private final String kind;
  private final String envPrefix;
  private final CdiDirectory directory;

  /**
   * @param cdiDir the spec directory the container runtime scans, normally {@code /var/run/cdi}
   * @param driverName the driver name, a DNS subdomain such as {@code neuron.aws.com}
   */
  public CdiSpecWriter(Path cdiDir, String driverName) {
    this.cdiDir = Objects.requireNonNull(cdiDir, "cdiDir");
    this.driverName = Objects.requireNonNull(driverName, "driverName");
    this.vendor = "k8s." + driverName;
    if (!VENDOR.matcher(vendor).matches() || vendor.length() > 253) {
      throw new IllegalArgumentException(
          "CDI vendor '"
              + vendor
              + "' derived from driver name '"
              + driverName
              + "' is invalid: it must start with a letter, end with a letter or digit and contain"
              + " only letters, digits, '_', '.' and '-'; use a DNS subdomain as driver name");
    }
    this.kind = vendor + "/" + CLASS;
    this.envPrefix = "DRA_" + envToken(driverName) + "_";
    this.directory = new CdiDirectory(cdiDir, vendor + "-" + CLASS + "_");
  }

  /** The spec directory: recreated when deleted, checked for readiness, swept after a crash. */
  public CdiDirectory directory() {
    return directory;
  }

  /** The CDI kind of the specs this writer produces, {@code k8s.<driver>/claim}. */
  public String kind() {
    return kind;
  }

  /**
   * Writes (or rewrites) the claim's spec atomically; returns the fully-qualified CDI IDs per
   * prepared device. The same input always produces the same bytes.
   *
   * @throws IllegalArgumentException when the edits cannot be expressed as a valid CDI spec (the
   *     message names the device and the rule, not the claim: the caller reports it per claim)
   * @throws IOException when the file cannot be written; no partial file is left behind
   */
  public CdiResult write(ClaimRef claim, Preparation preparation) throws IOException {
    Objects.requireNonNull(claim, "claim");
    Objects.requireNonNull(preparation, "preparation");
    Path file = specPath(claim.uid());
    List<PreparedDevice> devices = preparation.devices();
    if (devices.isEmpty()) {
      throw new IllegalArgumentException(
          "the preparation has no devices, but a CDI spec needs at least one; return one"
              + " PreparedDevice per allocated device");
    }
    List<String> names = deviceNames(claim, devices);
    boolean needs04 = false;
    boolean needs05 = false;
    JsonArray jsonDevices = new JsonArray();
    List<List<String>> ids = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      PreparedDevice d = devices.get(i);
      String name = names.get(i);
      String where = "device " + name;
      Map<String, String> env = new LinkedHashMap<>();
      env.put(canaryEnvName(claim.uid(), i), d.device().pool() + "/" + d.device().device());
      env.putAll(d.edits().env());
      JsonObject jd = new JsonObject();
      jd.addProperty("name", name);
      jd.add("containerEdits", edits(where, env, d.edits()));
      jsonDevices.add(jd);
      ids.add(List.of(kind + "=" + name));
      needs04 |= hasMountType(d.edits());
      needs05 |= hasHostPath(d.edits()) || Character.isDigit(name.charAt(0));
    }
    ContainerEdits common = preparation.common();
    needs04 |= hasMountType(common);
    needs05 |= hasHostPath(common);

    JsonObject spec = new JsonObject();
    spec.addProperty("cdiVersion", needs05 ? "0.5.0" : needs04 ? "0.4.0" : "0.3.0");
    spec.addProperty("kind", kind);
    spec.add("devices", jsonDevices);
    if (!common.isEmpty()) {
      spec.add("containerEdits", edits("common edits", common.env(), common));
    }
    byte[] bytes = (GSON.toJson(spec) + "\n").getBytes(StandardCharsets.UTF_8);
    if (hasContent(file, bytes)) {
      // A repeated prepare finds its spec intact: no write, no fsync.
      LOG.debug("CDI spec {} for claim {} is up to date", file, claim);
      return new CdiResult(file, ids);
    }
    directory.ensure();
    AtomicFile.write(file, bytes, "rw-r--r--");
    LOG.info(
        "Wrote CDI spec {} for claim {} (driver {}): {}", file, claim, driverName, flatten(ids));
    return new CdiResult(file, ids);
  }

  private static boolean hasContent(Path file, byte[] expected) {
    try {
      return Files.size(file) == expected.length
          && java.util.Arrays.equals(Files.readAllBytes(file), expected);
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the claim's spec file exists. */
  public boolean exists(String claimUid) {
    return Files.isRegularFile(specPath(claimUid));
  }

  /** Removes the claim's spec; a missing file is fine. */
  public void remove(String claimUid) throws IOException {
    Path file = specPath(claimUid);
    try {
      if (Files.deleteIfExists(file)) {
        AtomicFile.fsyncDirectory(cdiDir);
        LOG.info("Removed CDI spec {} (claim uid {}, driver {})", file, claimUid, driverName);
      }
    } catch (IOException e) {
      throw new IOException("cannot remove CDI spec " + file + ": " + AtomicFile.describe(e), e);
    }
  }

  /** The spec file of a claim: {@code <dir>/k8s.<driver>-claim_<claimUid>.json}. */
  public Path specPath(String claimUid) {
    Objects.requireNonNull(claimUid, "claimUid");
    if (!DEVICE_NAME.matcher(claimUid).matches()) {
      throw new IllegalArgumentException(
          "claim UID '"
              + claimUid
              + "' cannot name a CDI spec: it must start and end with a letter or digit and"
              + " contain only letters, digits, '_', '.', ':' and '-'");
    }
    return cdiDir.resolve(vendor + "-" + CLASS + "_" + claimUid + ".json");
  }

  /**
   * The canary variable's name for device {@code deviceIndex} of a claim: {@code
   * DRA_<DRIVER>_<CLAIMUID>_<n>}. Its value is {@code <pool>/<device>}.
   */
  public String canaryEnvName(String claimUid, int deviceIndex) {
    return envPrefix + envToken(claimUid) + "_" + deviceIndex;
  }

  /**
   * Startup check: the directory exists (it is created if its parent exists) and is writable.
   *
   * @throws IOException whose message names the directory and the fix
   */
  public void checkWritable() throws IOException {
    String fix =
        ". The container runtime reads CDI specs from this directory, so without it every"
            + " container that uses a claim of "
            + driverName
            + " fails with 'unresolvable CDI devices'. Mount the host directory read-write into"
            + " the driver pod, or use another writable directory that the container runtime scans (containerd/CRI-O cdi_spec_dirs, default /etc/cdi and"
            + " /var/run/cdi).";
    if (!Files.isDirectory(cdiDir)) {
      Path parent = cdiDir.toAbsolutePath().getParent();
      if (Files.exists(cdiDir) || parent == null || !Files.isDirectory(parent)) {
        throw new IOException(
            "CDI spec directory "
                + cdiDir
                + (Files.exists(cdiDir) ? " is not a directory" : " does not exist")
                + fix);
      }
      try {
        Files.createDirectories(cdiDir);
        LOG.info("Created CDI spec directory {}", cdiDir);
      } catch (IOException e) {
        throw new IOException(
            "CDI spec directory " + cdiDir + " cannot be created: " + AtomicFile.describe(e) + fix,
            e);
      }
    }
    Path probe = null;
    try {
      probe = Files.createTempFile(cdiDir, ".dra4j-write-check-", ".tmp");
    } catch (IOException e) {
      throw new IOException(
          "CDI spec directory " + cdiDir + " is not writable: " + AtomicFile.describe(e) + fix, e);
    } finally {
      if (probe != null) {
        Files.deleteIfExists(probe);
      }
    }
  }

  private List<String> deviceNames(ClaimRef claim, List<PreparedDevice> devices) {
    Map<String, Integer> counts = new HashMap<>();
    for (PreparedDevice d : devices) {
      counts.merge(d.device().device(), 1, Integer::sum);
    }
    List<String> names = new ArrayList<>();
    for (int i = 0; i < devices.size(); i++) {
      String device = devices.get(i).device().device();
      names.add(claim.uid() + "-" + device + (counts.get(device) > 1 ? "-" + i : ""));
    }
    if (new HashSet<>(names).size() < names.size()) {
      // A suffixed name equals another device's own name (neuron0 twice and neuron0-1): a spec
      // with a repeated device name is invalid, so every name gets its index, which is unique.
      for (int i = 0; i < devices.size(); i++) {
        names.set(i, claim.uid() + "-" + devices.get(i).device().device() + "-" + i);
      }
    }
    for (int i = 0; i < devices.size(); i++) {
      String device = devices.get(i).device().device();
      String name = names.get(i);
      if (!DEVICE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "CDI device name '"
                + name
                + "' is invalid: it must start and end with a letter or digit and contain only"
                + " letters, digits, '_', '.', ':' and '-'; rename device '"
                + device
                + "'");
      }
    }
    return names;
  }

  private static JsonObject edits(String where, Map<String, String> env, ContainerEdits e) {
    JsonObject o = new JsonObject();
    if (!env.isEmpty()) {
      JsonArray a = new JsonArray();
      env.forEach((k, v) -> a.add(envEntry(where, "environment variable", k, v)));
      o.add("env", a);
    }
    if (!e.deviceNodes().isEmpty()) {
      JsonArray a = new JsonArray();
      for (DeviceNode n : e.deviceNodes()) {
        JsonObject j = new JsonObject();
        j.addProperty("path", absolute(where, "device node path", n.path()));
        n.hostPath()
            .ifPresent(h -> j.addProperty("hostPath", absolute(where, "device node hostPath", h)));
        n.permissions()
            .filter(p -> !p.isEmpty())
            .ifPresent(
                p -> {
                  if (!p.matches("r?w?m?")) {
                    throw new IllegalArgumentException(
                        where + ": device node permissions '" + p + "' must be a subset of rwm");
                  }
                  j.addProperty("permissions", p);
                });
        a.add(j);
      }
      o.add("deviceNodes", a);
    }
    if (!e.mounts().isEmpty()) {
      JsonArray a = new JsonArray();
      for (Mount m : e.mounts()) {
        JsonObject j = new JsonObject();
        // A typed mount (tmpfs, ...) may name its source instead of a host path.
        j.addProperty(
            "hostPath",
            m.type().isPresent()
                ? nonEmpty(where, "mount hostPath", m.hostPath())
                : absolute(where, "mount hostPath", m.hostPath()));
        j.addProperty("containerPath", absolute(where, "mount containerPath", m.containerPath()));
        if (!m.options().isEmpty()) {
          JsonArray opts = new JsonArray();
          m.options().forEach(opts::add);
          j.add("options", opts);
        }
        m.type().ifPresent(t -> j.addProperty("type", nonEmpty(where, "mount type", t)));
        a.add(j);
      }
      o.add("mounts", a);
    }
    if (!e.hooks().isEmpty()) {
      JsonArray a = new JsonArray();
      for (Hook h : e.hooks()) {
        // Hook itself only admits the six OCI/CDI stages.
        JsonObject j = new JsonObject();
        j.addProperty("hookName", h.stage());
        j.addProperty("path", absolute(where, "hook path", h.path()));
        if (!h.args().isEmpty()) {
          JsonArray args = new JsonArray();
          h.args().forEach(args::add);
          j.add("args", args);
        }
        if (!h.env().isEmpty()) {
          JsonArray henv = new JsonArray();
          for (String kv : h.env()) {
            int eq = kv.indexOf('=');
            henv.add(
                envEntry(
                    where,
                    "hook environment entry",
                    eq < 0 ? kv : kv.substring(0, eq),
                    eq < 0 ? null : kv.substring(eq + 1)));
          }
          j.add("env", henv);
        }
        h.timeoutSeconds()
            .ifPresent(
                t -> {
                  if (t <= 0) {
                    throw new IllegalArgumentException(
                        where + ": hook timeout " + t + " must be positive");
                  }
                  j.addProperty("timeout", t);
                });
        a.add(j);
      }
      o.add("hooks", a);
    }
    return o;
  }

  private static String envEntry(String where, String what, String key, String value) {
    if (key.isEmpty() || key.contains("=") || value == null) {
      throw new IllegalArgumentException(
          where
              + ": "
              + what
              + " '"
              + key
              + (value == null ? "" : "=" + value)
              + "' must have the form KEY=VALUE with a non-empty KEY");
    }
    if (key.indexOf('\0') >= 0 || value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          where + ": " + what + " '" + key + "' must not contain NUL characters");
    }
    return key + "=" + value;
  }

  private static String absolute(String where, String what, String path) {
    if (path.isEmpty() || !path.startsWith("/") || path.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          where + ": " + what + " '" + path + "' must be an absolute path, like /dev/neuron0");
    }
    return path;
  }

  private static String nonEmpty(String where, String what, String value) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(where + ": " + what + " must not be empty");
    }
    return value;
  }

  private static boolean hasMountType(ContainerEdits e) {
    return e.mounts().stream().anyMatch(m -> m.type().isPresent());
  }

  private static boolean hasHostPath(ContainerEdits e) {
    return e.deviceNodes().stream().anyMatch(n -> n.hostPath().isPresent());
  }

  private static String envToken(String s) {
    return s.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  private static List<String> flatten(List<List<String>> ids) {
    return ids.stream().flatMap(List::stream).toList();
  }
}
