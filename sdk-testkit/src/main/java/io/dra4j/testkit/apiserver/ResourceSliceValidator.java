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
package io.dra4j.testkit.apiserver;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Server-side validation of ResourceSlices with the limits of resource.k8s.io/v1 (Kubernetes 1.35,
 * or the counter rules of 1.34 when that release is emulated): device counts, names, node
 * selection, counters and taints; {@link DeviceFieldValidator} checks attribute values, binding
 * conditions and request policies. Errors carry field paths in the API's format ({@code
 * spec.devices[3].attributes[...]}).
 */
final class ResourceSliceValidator {
  static final int MAX_DEVICES = 128;
  static final int MAX_DEVICES_ADVANCED = 64;
  static final int MAX_ATTRIBUTES_AND_CAPACITIES = 32;
  static final int MAX_TAINTS = 16;
  static final int MAX_COUNTER_SETS = 8;
  static final int MAX_COUNTERS = 32;
  static final int MAX_CONSUMES = 2;

  // The server checks independently of sdk-api's client-side validation: it is the referee that
  // proves what the SDK sends, so it must not share the rules it is checking.
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern C_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Set<String> EFFECTS = Set.of("NoSchedule", "NoExecute", "None");

  /** Kubernetes 1.34: taints per device, and no informational {@code None} effect yet. */
  static final int MAX_TAINTS_1_34 = 4;

  /** Kubernetes 1.34: counters across all sets of one slice. */
  static final int MAX_COUNTERS_PER_SLICE_1_34 = 32;

  /** Kubernetes 1.34: counters one device consumes across its entries. */
  static final int MAX_CONSUMED_PER_DEVICE_1_34 = 32;

  /** Kubernetes 1.34: counters the devices of one slice consume together. */
  static final int MAX_CONSUMED_PER_SLICE_1_34 = 1024;

  private final List<ApiError.Cause> causes = new ArrayList<>();
  private final int minor;
  private final DeviceFieldValidator fields;
  private Set<String> sliceSets = Set.of();
  private int consumedInSlice;

  private ResourceSliceValidator(int minor, boolean listGate) {
    this.minor = minor;
    this.fields = new DeviceFieldValidator(causes, minor, listGate);
  }

  /**
   * @param minor the emulated Kubernetes 1.x minor version: up to 34 counter sets live next to the
   *     devices that consume them, from 35 on they live in slices of their own
   */
  static List<ApiError.Cause> validate(JsonObject slice, int minor) {
    return validate(slice, minor, true);
  }

  /**
   * @param listGate whether the DRAListTypeAttributes gate is on (list attributes need it and 1.36)
   */
  static List<ApiError.Cause> validate(JsonObject slice, int minor, boolean listGate) {
    ResourceSliceValidator v = new ResourceSliceValidator(minor, listGate);
    v.slice(slice);
    return v.causes;
  }

  private void fail(String type, String field, String message) {
    causes.add(new ApiError.Cause(type, field, message));
  }

  private void required(String field) {
    fail("FieldValueRequired", field, "Required value");
  }

  private void invalid(String field, Object value, String why) {
    fail("FieldValueInvalid", field, "Invalid value: \"" + value + "\": " + why);
  }

  private void tooMany(String field, int actual, int max) {
    fail(
        "FieldValueTooMany",
        field,
        "Too many: " + actual + ": must have at most " + max + " items");
  }

  private void slice(JsonObject s) {
    String name = ObjectStore.nameOf(s);
    JsonObject meta = s.getAsJsonObject("metadata");
    if (name.isEmpty() && meta != null && !JsonFields.string(meta, "generateName").isEmpty()) {
      // The store appends a random suffix to generateName; check the prefix with a stand-in.
      name = JsonFields.string(meta, "generateName") + "x";
    }
    if (!isSubdomain(name)) {
      invalid("metadata.name", name, "a lowercase RFC 1123 subdomain must be at most 253 chars");
    }
    JsonObject spec = s.getAsJsonObject("spec");
    if (spec == null) {
      required("spec");
      return;
    }
    String driver = JsonFields.string(spec, "driver");
    if (driver.isEmpty()) {
      required("spec.driver");
    } else if (!isSubdomain(driver) || driver.length() > 63) {
      invalid("spec.driver", driver, "must be a DNS subdomain of at most 63 characters");
    }
    pool(spec.getAsJsonObject("pool"));
    int selectors = 0;
    if (!JsonFields.string(spec, "nodeName").isEmpty()) {
      selectors++;
      if (!isSubdomain(JsonFields.string(spec, "nodeName"))) {
        invalid("spec.nodeName", JsonFields.string(spec, "nodeName"), "must be a DNS subdomain");
      }
    }
    if (spec.has("nodeSelector") && !spec.get("nodeSelector").isJsonNull()) {
      selectors++;
      nodeSelector("spec.nodeSelector", spec.getAsJsonObject("nodeSelector"));
    }
    selectors += flag(spec, "allNodes", "spec.allNodes");
    boolean perDevice = flag(spec, "perDeviceNodeSelection", "spec.perDeviceNodeSelection") == 1;
    selectors += perDevice ? 1 : 0;
    if (selectors != 1) {
      fail(
          "FieldValueInvalid",
          "spec",
          "Invalid value: {\"nodeName\", \"nodeSelector\", \"allNodes\","
              + " \"perDeviceNodeSelection\"}: exactly one of `nodeName`, `nodeSelector`,"
              + " `allNodes`, `perDeviceNodeSelection` is required, but multiple or none fields are"
              + " set");
    }
    JsonArray devices = JsonFields.array(spec, "devices");
    JsonArray counters = JsonFields.array(spec, "sharedCounters");
    Set<String> declared = new HashSet<>();
    int totalCounters = 0;
    for (JsonElement set : counters) {
      declared.add(JsonFields.string(set.getAsJsonObject(), "name"));
      totalCounters +=
          JsonFields.object(set.getAsJsonObject(), "counters").map(JsonObject::size).orElse(0);
    }
    sliceSets = declared;
    if (minor <= 34 && totalCounters > MAX_COUNTERS_PER_SLICE_1_34) {
      fail(
          "FieldValueTooMany",
          "spec.sharedCounters",
          "Too many: "
              + totalCounters
              + ": the total number of counters must not exceed "
              + MAX_COUNTERS_PER_SLICE_1_34);
    }
    if (minor >= 35 && devices.size() > 0 && counters.size() > 0) {
      fail(
          "FieldValueInvalid",
          "spec",
          "Invalid value: exactly one of `devices` or `sharedCounters` may be set");
    }
    boolean advanced = false;
    for (JsonElement d : devices) {
      JsonObject dev = d.getAsJsonObject();
      advanced |=
          JsonFields.array(dev, "taints").size() > 0
              || JsonFields.array(dev, "consumesCounters").size() > 0
              || fields.hasListAttribute(dev);
    }
    int maxDevices = advanced ? MAX_DEVICES_ADVANCED : MAX_DEVICES;
    if (devices.size() > maxDevices) {
      tooMany("spec.devices", devices.size(), maxDevices);
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < devices.size(); i++) {
      device("spec.devices[" + i + "]", devices.get(i).getAsJsonObject(), names, perDevice);
    }
    if (minor <= 34 && consumedInSlice > MAX_CONSUMED_PER_SLICE_1_34) {
      fail(
          "FieldValueTooMany",
          "spec.devices",
          "Too many: "
              + consumedInSlice
              + ": the total number of counters consumed by devices must not exceed "
              + MAX_CONSUMED_PER_SLICE_1_34);
    }
    if (minor >= 35 && counters.size() > MAX_COUNTER_SETS) {
      tooMany("spec.sharedCounters", counters.size(), MAX_COUNTER_SETS);
    }
    Set<String> setNames = new HashSet<>();
    for (int i = 0; i < counters.size(); i++) {
      String path = "spec.sharedCounters[" + i + "]";
      JsonObject set = counters.get(i).getAsJsonObject();
      String setName = JsonFields.string(set, "name");
      label(path + ".name", setName);
      if (!setNames.add(setName)) {
        fail("FieldValueDuplicate", path + ".name", "Duplicate value: \"" + setName + "\"");
      }
      counterMap(path + ".counters", set.getAsJsonObject("counters"), true);
    }
  }

  private void pool(JsonObject pool) {
    if (pool == null) {
      required("spec.pool");
      return;
    }
    String name = JsonFields.string(pool, "name");
    if (name.isEmpty()) {
      required("spec.pool.name");
    } else {
      boolean ok = name.length() <= 253;
      for (String part : name.split("/", -1)) {
        ok &= isSubdomain(part);
      }
      if (!ok) {
        invalid(
            "spec.pool.name",
            name,
            "must be at most 253 characters: DNS subdomains separated by '/'");
      }
    }
    if (!pool.has("generation") || pool.get("generation").getAsLong() < 0) {
      invalid("spec.pool.generation", JsonFields.string(pool, "generation"), "must be >= 0");
    }
    if (!pool.has("resourceSliceCount") || pool.get("resourceSliceCount").getAsLong() <= 0) {
      invalid(
          "spec.pool.resourceSliceCount",
          JsonFields.string(pool, "resourceSliceCount"),
          "must be greater than zero");
    }
  }

  private int flag(JsonObject o, String key, String path) {
    if (!o.has(key) || o.get(key).isJsonNull()) {
      return 0;
    }
    if (!o.get(key).getAsBoolean()) {
      fail("FieldValueInvalid", path, "Invalid value: false: must be either unset or set to true");
      return 0;
    }
    return 1;
  }

  private void nodeSelector(String path, JsonObject sel) {
    JsonArray terms = JsonFields.array(sel, "nodeSelectorTerms");
    if (terms.size() != 1) {
      fail(
          "FieldValueInvalid",
          path + ".nodeSelectorTerms",
          "Invalid value: " + terms.size() + ": must have exactly one node selector term");
    }
  }

  private void device(String path, JsonObject dev, Set<String> names, boolean perDevice) {
    String name = JsonFields.string(dev, "name");
    label(path + ".name", name);
    if (!names.add(name)) {
      fail("FieldValueDuplicate", path + ".name", "Duplicate value: \"" + name + "\"");
    }
    JsonObject attrs = JsonFields.object(dev, "attributes").orElseGet(JsonObject::new);
    JsonObject capacity = JsonFields.object(dev, "capacity").orElseGet(JsonObject::new);
    int total = attrs.size() + capacity.size();
    if (total > MAX_ATTRIBUTES_AND_CAPACITIES) {
      fail(
          "FieldValueTooMany",
          path,
          "Too many: "
              + total
              + ": the total number of attributes and capacities must not exceed "
              + MAX_ATTRIBUTES_AND_CAPACITIES);
    }
    for (Map.Entry<String, JsonElement> e : attrs.entrySet()) {
      qualifiedName(path + ".attributes[" + e.getKey() + "]", e.getKey());
    }
    fields.device(path, dev);
    for (Map.Entry<String, JsonElement> e : capacity.entrySet()) {
      String p = path + ".capacity[" + e.getKey() + "]";
      qualifiedName(p, e.getKey());
      if (!e.getValue().isJsonObject() || !e.getValue().getAsJsonObject().has("value")) {
        required(p + ".value");
      }
    }
    JsonArray taints = JsonFields.array(dev, "taints");
    int maxTaints = minor <= 34 ? MAX_TAINTS_1_34 : MAX_TAINTS;
    if (taints.size() > maxTaints) {
      tooMany(path + ".taints", taints.size(), maxTaints);
    }
    for (int i = 0; i < taints.size(); i++) {
      String p = path + ".taints[" + i + "]";
      JsonObject t = taints.get(i).getAsJsonObject();
      String key = JsonFields.string(t, "key");
      if (key.isEmpty()) {
        required(p + ".key");
      }
      String effect = JsonFields.string(t, "effect");
      if (!EFFECTS.contains(effect) || (minor <= 34 && effect.equals("None"))) {
        fail(
            "FieldValueNotSupported",
            p + ".effect",
            "Unsupported value: \""
                + effect
                + "\": supported values: \"NoExecute\", \"NoSchedule\""
                + (minor <= 34 ? "" : ", \"None\""));
      }
    }
    JsonArray consumes = JsonFields.array(dev, "consumesCounters");
    if (minor >= 35 && consumes.size() > MAX_CONSUMES) {
      tooMany(path + ".consumesCounters", consumes.size(), MAX_CONSUMES);
    }
    int consumed = 0;
    for (int i = 0; i < consumes.size(); i++) {
      String p = path + ".consumesCounters[" + i + "]";
      JsonObject c = consumes.get(i).getAsJsonObject();
      String set = JsonFields.string(c, "counterSet");
      label(p + ".counterSet", set);
      counterMap(p + ".counters", c.getAsJsonObject("counters"), true);
      consumed += JsonFields.object(c, "counters").orElseGet(JsonObject::new).size();
      if (minor <= 34 && !sliceSets.contains(set)) {
        invalid(
            p + ".counterSet",
            set,
            "must reference a counterSet defined in the ResourceSlice sharedCounters");
      }
    }
    consumedInSlice += consumed;
    if (minor <= 34 && consumed > MAX_CONSUMED_PER_DEVICE_1_34) {
      fail(
          "FieldValueTooMany",
          path + ".consumesCounters",
          "Too many: "
              + consumed
              + ": the total number of counters must not exceed "
              + MAX_CONSUMED_PER_DEVICE_1_34);
    }
    int selectors = 0;
    selectors += JsonFields.string(dev, "nodeName").isEmpty() ? 0 : 1;
    selectors += dev.has("nodeSelector") && !dev.get("nodeSelector").isJsonNull() ? 1 : 0;
    selectors += flag(dev, "allNodes", path + ".allNodes");
    if (perDevice && selectors != 1) {
      fail(
          "FieldValueInvalid",
          path,
          "Invalid value: exactly one of `nodeName`, `nodeSelector`, `allNodes` is required when"
              + " `perDeviceNodeSelection` is set to true in the ResourceSlice spec");
    } else if (!perDevice && selectors != 0) {
      fail(
          "FieldValueInvalid",
          path,
          "Invalid value: `nodeName`, `nodeSelector`, `allNodes` can only be set when"
              + " `perDeviceNodeSelection` is set to true in the ResourceSlice spec");
    }
  }

  private void counterMap(String path, JsonObject counters, boolean nonEmpty) {
    if (counters == null || counters.size() == 0) {
      if (nonEmpty) {
        required(path);
      }
      return;
    }
    if (counters.size() > MAX_COUNTERS) {
      tooMany(path, counters.size(), MAX_COUNTERS);
    }
    for (Map.Entry<String, JsonElement> e : counters.entrySet()) {
      label(path + "[" + e.getKey() + "]", e.getKey());
      if (!e.getValue().isJsonObject() || !e.getValue().getAsJsonObject().has("value")) {
        required(path + "[" + e.getKey() + "].value");
      }
    }
  }

  private void qualifiedName(String path, String qn) {
    int slash = qn.indexOf('/');
    String domain = slash < 0 ? "" : qn.substring(0, slash);
    String id = slash < 0 ? qn : qn.substring(slash + 1);
    if (slash >= 0 && (!isSubdomain(domain) || domain.length() > 63)) {
      invalid(path, qn, "the domain must be a DNS subdomain of at most 63 characters");
    }
    if (!C_IDENTIFIER.matcher(id).matches() || id.length() > 32 || id.contains("/")) {
      invalid(path, qn, "must be a C identifier of at most 32 characters, optionally prefixed");
    }
  }

  private void label(String path, String value) {
    if (value.isEmpty()) {
      required(path);
    } else if (value.length() > 63 || !DNS_LABEL.matcher(value).matches()) {
      invalid(
          path,
          value,
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
              + " and must start and end with an alphanumeric character");
    }
  }

  private static boolean isSubdomain(String s) {
    return !s.isEmpty() && s.length() <= 253 && DNS_SUBDOMAIN.matcher(s).matches();
  }
}
