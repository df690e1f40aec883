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
package io.dra4j.testkit.cdi;

import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.DeviceNode;
import io.dra4j.api.prepare.Hook;
import io.dra4j.api.prepare.Mount;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Strict CDI spec parsing with the CDI library's rules: unknown fields, invalid names, duplicate
 * devices, empty device edits and a {@code cdiVersion} below what the spec uses all make the whole
 * spec invalid. JSON is parsed as YAML, which it is a subset of.
 */
final class CdiSpecParser {

  /** A valid spec: its {@code vendor/class}, spec-level edits and edits per device name. */
  record Spec(String kind, ContainerEdits specEdits, Map<String, ContainerEdits> devices) {}

  static final List<String> KNOWN_VERSIONS =
      List.of(
          "0.1.0", "0.2.0", "0.3.0", "0.4.0", "0.5.0", "0.6.0", "0.7.0", "0.8.0", "1.0.0", "1.1.0");

  private static final Pattern VENDOR_OR_CLASS =
      Pattern.compile("[A-Za-z]([A-Za-z0-9_.-]*[A-Za-z0-9])?");
  private static final Pattern DEVICE_NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.:-]*[A-Za-z0-9])?");
  private static final Pattern ANNOTATION_KEY =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
              + "[a-z0-9]([-a-z0-9_.]*[a-z0-9])?");
  private static final Set<String> SPEC_FIELDS =
      Set.of("cdiVersion", "kind", "annotations", "devices", "containerEdits");
  private static final Set<String> DEVICE_FIELDS = Set.of("name", "annotations", "containerEdits");
  private static final Set<String> EDIT_FIELDS =
      Set.of("env", "deviceNodes", "hooks", "mounts", "intelRdt", "additionalGids", "netDevices");
  private static final Set<String> NODE_FIELDS =
      Set.of("path", "hostPath", "type", "major", "minor", "fileMode", "permissions", "uid", "gid");
  private static final Set<String> MOUNT_FIELDS =
      Set.of("hostPath", "containerPath", "options", "type");
  private static final Set<String> HOOK_FIELDS =
      Set.of("hookName", "path", "args", "env", "timeout");
  private static final Set<String> RDT_FIELDS =
      Set.of("closID", "l3CacheSchema", "memBwSchema", "schemata", "enableMonitoring");
  private static final Set<String> NET_FIELDS = Set.of("hostInterfaceName", "name");
  private static final Set<String> HOOK_NAMES =
      Set.of(
          "prestart",
          "createRuntime",
          "createContainer",
          "startContainer",
          "poststart",
          "poststop");

  private CdiSpecParser() {}

  /** Parses one spec document; throws with a message naming the field and the rule. */
  static Spec parse(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Object root;
    try {
      root = new Yaml(new SafeConstructor(options)).load(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not valid JSON or YAML: " + firstLine(e.getMessage()), e);
    }
    Map<String, Object> spec = object(root, "spec", SPEC_FIELDS);
    Version required = Version.V030;

    String version = string(spec.get("cdiVersion"), "cdiVersion");
    String bare = version.startsWith("v") ? version.substring(1) : version;
    if (!KNOWN_VERSIONS.contains(bare)) {
      throw new IllegalArgumentException(
          "cdiVersion '" + version + "' is not a known CDI version; use one of " + KNOWN_VERSIONS);
    }
    Version declared = Version.parse(bare);

    String kind = string(spec.get("kind"), "kind");
    int slash = kind.indexOf('/');
    if (slash < 0
        || !VENDOR_OR_CLASS.matcher(kind.substring(0, slash)).matches()
        || !VENDOR_OR_CLASS.matcher(kind.substring(slash + 1)).matches()) {
      throw new IllegalArgumentException(
          "kind '"
              + kind
              + "' must be vendor/class, each starting with a letter, then letters, digits,"
              + " '_', '.' or '-', and ending with a letter or digit (like example.com/gpu)");
    }
    if (kind.substring(slash + 1).contains(".")) {
      required = required.max(Version.V060);
    }
    if (spec.containsKey("annotations")) {
      annotations(spec.get("annotations"), "annotations");
      required = required.max(Version.V060);
    }

    Edits specEdits = Edits.NONE;
    if (spec.get("containerEdits") != null) {
      specEdits = edits(spec.get("containerEdits"), "containerEdits");
      required = required.max(specEdits.required);
    }

    List<Object> devices = list(spec.get("devices"), "devices");
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("devices: a spec must define at least one device");
    }
    Map<String, ContainerEdits> byName = new LinkedHashMap<>();
    for (int i = 0; i < devices.size(); i++) {
      String where = "devices[" + i + "]";
      Map<String, Object> device = object(devices.get(i), where, DEVICE_FIELDS);
      String name = string(device.get("name"), where + ".name");
      if (!DEVICE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            where
                + ".name '"
                + name
                + "' is invalid: use letters, digits, '_', '.', ':' or '-', starting and ending"
                + " with a letter or digit");
      }
      if (Character.isDigit(name.charAt(0))) {
        required = required.max(Version.V050);
      }
      if (device.containsKey("annotations")) {
        annotations(device.get("annotations"), where + ".annotations");
        required = required.max(Version.V060);
      }
      if (device.get("containerEdits") == null) {
        throw new IllegalArgumentException(
            "invalid device " + name + ", empty device edits (" + where + ".containerEdits)");
      }
      Edits edits = edits(device.get("containerEdits"), where + ".containerEdits");
      if (edits.empty) {
        throw new IllegalArgumentException(
            "invalid device " + name + ", empty device edits (" + where + ".containerEdits)");
      }
      required = required.max(edits.required);
      if (byName.put(name, edits.edits) != null) {
        throw new IllegalArgumentException(
            "invalid spec, multiple device \"" + name + "\"; device names must be unique");
      }
    }
    if (declared.compareTo(required) < 0) {
      throw new IllegalArgumentException(
          "cdiVersion "
              + bare
              + " is lower than "
              + required
              + ", which the fields used by this spec require; raise cdiVersion");
    }
    return new Spec(kind, specEdits.edits, byName);
  }

  private record Edits(ContainerEdits edits, boolean empty, Version required) {
    static final Edits NONE = new Edits(ContainerEdits.none(), true, Version.V030);
  }

  private static Edits edits(Object raw, String where) {
    Map<String, Object> map = object(raw, where, EDIT_FIELDS);
    Version required = Version.V030;
    boolean empty = true;
    ContainerEdits.Builder edits = ContainerEdits.builder();

    for (Object entry : optionalList(map.get("env"), where + ".env")) {
      String text = string(entry, where + ".env[]");
      int eq = text.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            where + ".env: invalid environment variable \"" + text + "\", expected NAME=VALUE");
      }
      edits.env(text.substring(0, eq), text.substring(eq + 1));
      empty = false;
    }

    List<Object> nodes = optionalList(map.get("deviceNodes"), where + ".deviceNodes");
    for (int i = 0; i < nodes.size(); i++) {
      String at = where + ".deviceNodes[" + i + "]";
      Map<String, Object> node = object(nodes.get(i), at, NODE_FIELDS);
      String path = string(node.get("path"), at + ".path");
      Optional<String> hostPath = optionalString(node.get("hostPath"), at + ".hostPath");
      if (hostPath.isPresent()) {
        required = required.max(Version.V050);
      }
      Optional<String> type = optionalString(node.get("type"), at + ".type");
      if (type.isPresent() && !Set.of("b", "c", "u", "p").contains(type.get())) {
        throw new IllegalArgumentException(
            at + ".type '" + type.get() + "' must be one of b, c, u or p");
      }
      for (String number : List.of("major", "minor", "uid", "gid", "fileMode")) {
        optionalLong(node.get(number), at + "." + number);
      }
      Optional<String> permissions = optionalString(node.get("permissions"), at + ".permissions");
      if (permissions.isPresent() && !permissions.get().matches("[rwm]*")) {
        throw new IllegalArgumentException(
            at + ".permissions '" + permissions.get() + "' must only contain r, w and m");
      }
      try {
        edits.deviceNode(new DeviceNode(path, hostPath, permissions.map(CdiSpecParser::rwm)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
      }
      empty = false;
    }

    List<Object> mounts = optionalList(map.get("mounts"), where + ".mounts");
    for (int i = 0; i < mounts.size(); i++) {
      String at = where + ".mounts[" + i + "]";
      Map<String, Object> mount = object(mounts.get(i), at, MOUNT_FIELDS);
      Optional<String> type = optionalString(mount.get("type"), at + ".type");
      if (type.isPresent()) {
        required = required.max(Version.V040);
      }
      edits.mount(
          new Mount(
              string(mount.get("hostPath"), at + ".hostPath"),
              string(mount.get("containerPath"), at + ".containerPath"),
              strings(mount.get("options"), at + ".options"),
              type));
      empty = false;
    }

    List<Object> hooks = optionalList(map.get("hooks"), where + ".hooks");
    for (int i = 0; i < hooks.size(); i++) {
      String at = where + ".hooks[" + i + "]";
      Map<String, Object> hook = object(hooks.get(i), at, HOOK_FIELDS);
      String name = string(hook.get("hookName"), at + ".hookName");
      if (!HOOK_NAMES.contains(name)) {
        throw new IllegalArgumentException(
            at + ".hookName '" + name + "' is invalid; use one of " + HOOK_NAMES);
      }
      Optional<Long> timeout = optionalLong(hook.get("timeout"), at + ".timeout");
      if (timeout.isPresent() && timeout.get() <= 0) {
        throw new IllegalArgumentException(
            at + ".timeout " + timeout.get() + " must be a positive number of seconds");
      }
      try {
        edits.hook(
            new Hook(
                name,
                string(hook.get("path"), at + ".path"),
                strings(hook.get("args"), at + ".args"),
                strings(hook.get("env"), at + ".env"),
                timeout.map(Long::intValue)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
      }
      empty = false;
    }

    if (map.get("intelRdt") != null) {
      Map<String, Object> rdt = object(map.get("intelRdt"), where + ".intelRdt", RDT_FIELDS);
      required =
          required.max(
              rdt.containsKey("schemata") || rdt.containsKey("enableMonitoring")
                  ? Version.V110
                  : Version.V070);
      empty = false;
    }
    List<Object> gids = optionalList(map.get("additionalGids"), where + ".additionalGids");
    for (Object gid : gids) {
      optionalLong(gid, where + ".additionalGids[]");
    }
    if (!gids.isEmpty()) {
      required = required.max(Version.V070);
      empty = false;
    }
    List<Object> netDevices = optionalList(map.get("netDevices"), where + ".netDevices");
    Set<String> hostNames = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < netDevices.size(); i++) {
      String at = where + ".netDevices[" + i + "]";
      Map<String, Object> net = object(netDevices.get(i), at, NET_FIELDS);
      if (!hostNames.add(string(net.get("hostInterfaceName"), at + ".hostInterfaceName"))
          || !names.add(string(net.get("name"), at + ".name"))) {
        throw new IllegalArgumentException(at + ": network device names must be unique");
      }
      required = required.max(Version.V110);
      empty = false;
    }
    return new Edits(edits.build(), empty, required);
  }

  private static String rwm(String permissions) {
    StringBuilder ordered = new StringBuilder();
    for (char c : new char[] {'r', 'w', 'm'}) {
      if (permissions.indexOf(c) >= 0) {
        ordered.append(c);
      }
    }
    return ordered.toString();
  }

  private static void annotations(Object raw, String where) {
    if (!(raw instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(where + " must be a map of string to string");
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)
          || !ANNOTATION_KEY.matcher(key.toLowerCase(java.util.Locale.ROOT)).matches()) {
        throw new IllegalArgumentException(
            where + ": key '" + e.getKey() + "' is not a valid Kubernetes qualified name");
      }
      if (!(e.getValue() instanceof String)) {
        throw new IllegalArgumentException(
            where + "." + key + " must be a string; quote the value");
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object raw, String where, Set<String> fields) {
    if (!(raw instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(where + " must be an object");
    }
    for (Object key : map.keySet()) {
      if (!fields.contains(String.valueOf(key))) {
        throw new IllegalArgumentException(
            where
                + ": unknown field \""
                + key
                + "\" (strict parsing); allowed fields are "
                + new java.util.TreeSet<>(fields));
      }
    }
    return (Map<String, Object>) map;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object raw, String where) {
    if (!(raw instanceof List<?> items)) {
      throw new IllegalArgumentException(where + " is required and must be a list");
    }
    return (List<Object>) items;
  }

  private static List<Object> optionalList(Object raw, String where) {
    return raw == null ? List.of() : list(raw, where);
  }

  private static List<String> strings(Object raw, String where) {
    List<String> out = new ArrayList<>();
    for (Object item : optionalList(raw, where)) {
      out.add(string(item, where + "[]"));
    }
    return out;
  }

  private static String string(Object raw, String where) {
    if (!(raw instanceof String text) || text.isEmpty()) {
      throw new IllegalArgumentException(where + " is required and must be a non-empty string");
    }
    return text;
  }

  private static Optional<String> optionalString(Object raw, String where) {
    if (raw == null || "".equals(raw)) {
      return Optional.empty();
    }
    return Optional.of(string(raw, where));
  }

  private static Optional<Long> optionalLong(Object raw, String where) {
    if (raw == null) {
      return Optional.empty();
    }
    if (raw instanceof Integer || raw instanceof Long) {
      return Optional.of(((Number) raw).longValue());
    }
    throw new IllegalArgumentException(where + " must be an integer, got '" + raw + "'");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** A CDI spec version, compared numerically. */
  record Version(int major, int minor, int patch) implements Comparable<Version> {
    static final Version V030 = new Version(0, 3, 0);
    static final Version V040 = new Version(0, 4, 0);
    static final Version V050 = new Version(0, 5, 0);
    static final Version V060 = new Version(0, 6, 0);
    static final Version V070 = new Version(0, 7, 0);
    static final Version V110 = new Version(1, 1, 0);

    static Version parse(String text) {
      String[] parts = text.split("\\.");
      return new Version(
          Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    }

    Version max(Version other) {
      return compareTo(other) >= 0 ? this : other;
    }

    @Override
    public int compareTo(Version o) {
      int c = Integer.compare(major, o.major);
      if (c == 0) {
        c = Integer.compare(minor, o.minor);
      }
      return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
      return major + "." + minor + "." + patch;
    }
  }
}
