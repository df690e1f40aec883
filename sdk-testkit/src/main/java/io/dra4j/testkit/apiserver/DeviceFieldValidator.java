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
import io.dra4j.runtime.internal.slices.ServerVersion;
import io.kubernetes.client.custom.Quantity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The server-side checks of a ResourceSlice device's attribute values (scalar and, from Kubernetes
 * 1.36, list values with at most 48 values per device), binding conditions and capacity request
 * policies, as {@code resource.k8s.io/v1} validates them. The emulated server behaves as if the DRA
 * feature gates of these fields were enabled.
 */
final class DeviceFieldValidator {
  static final int MAX_STRING = 64;
  static final int MAX_VALUES = 48;
  static final int MAX_CONDITIONS = 4;
  static final int MAX_VALID_VALUES = 10;
  private static final List<String> SCALARS = List.of("int", "bool", "string", "version");
  private static final List<String> LISTS = List.of("ints", "bools", "strings", "versions");
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
  private static final Pattern CONDITION =
      Pattern.compile(
          "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
              + "[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");

  private final List<ApiError.Cause> causes;
  private final int minor;
  private final boolean lists;

  DeviceFieldValidator(List<ApiError.Cause> causes, int minor, boolean listGate) {
    this.causes = causes;
    this.minor = minor;
    this.lists = ServerVersion.of(minor).hasListAttributes() && listGate;
  }

  /** Whether a device of the slice has a list attribute the emulated version stores. */
  boolean hasListAttribute(JsonObject device) {
    if (!lists) {
      return false;
    }
    for (Map.Entry<String, JsonElement> e :
        JsonFields.object(device, "attributes").orElseGet(JsonObject::new).entrySet()) {
      for (String k : LISTS) {
        if (e.getValue().isJsonObject() && e.getValue().getAsJsonObject().has(k)) {
          return true;
        }
      }
    }
    return false;
  }

  void device(String path, JsonObject dev) {
    JsonObject attrs = JsonFields.object(dev, "attributes").orElseGet(JsonObject::new);
    int values = 0;
    for (Map.Entry<String, JsonElement> e : attrs.entrySet()) {
      values += attribute(path + ".attributes[" + e.getKey() + "]", e.getValue().getAsJsonObject());
    }
    if (values > MAX_VALUES) {
      fail(
          "FieldValueInvalid",
          path,
          "Invalid value: "
              + values
              + ": the total number of attribute values must not exceed "
              + MAX_VALUES);
    }
    binding(path, dev);
    boolean shared = JsonFields.optBoolean(dev, "allowMultipleAllocations").orElse(false);
    JsonObject capacity = JsonFields.object(dev, "capacity").orElseGet(JsonObject::new);
    for (Map.Entry<String, JsonElement> e : capacity.entrySet()) {
      if (!e.getValue().isJsonObject()) {
        continue;
      }
      JsonObject c = e.getValue().getAsJsonObject();
      Optional<JsonObject> policy = JsonFields.object(c, "requestPolicy");
      String p = path + ".capacity[" + e.getKey() + "].requestPolicy";
      if (policy.isPresent() && !shared) {
        fail("FieldValueForbidden", p, "Forbidden: allowMultipleAllocations must be true");
      } else if (policy.isPresent()) {
        requestPolicy(p, quantity(c, "value").orElse(BigDecimal.ZERO), policy.get());
      }
    }
  }

  /** Checks one attribute; returns how many values it counts. */
  private int attribute(String path, JsonObject a) {
    int set = 0;
    for (String k : SCALARS) {
      set += a.has(k) && !a.get(k).isJsonNull() ? 1 : 0;
    }
    int values = set;
    if (lists) {
      for (String k : LISTS) {
        if (a.has(k) && !a.get(k).isJsonNull()) {
          set++;
          JsonArray list = a.getAsJsonArray(k);
          values += list.size();
          if (list.isEmpty()) {
            fail(
                "FieldValueInvalid",
                path + "." + k,
                "Invalid value: []: must not be empty if specified");
          }
          for (int i = 0; i < list.size(); i++) {
            if (k.equals("strings") || k.equals("versions")) {
              text(path + "." + k + "[" + i + "]", list.get(i).getAsString(), k.equals("versions"));
            }
          }
        }
      }
    }
    if (set != 1) {
      fail(
          "FieldValueInvalid",
          path,
          "Invalid value: exactly one value must be specified (int, bool, string, version"
              + (lists ? ", ints, bools, strings, versions" : "")
              + "), got "
              + set);
    }
    if (a.has("string")) {
      text(path + ".string", JsonFields.string(a, "string"), false);
    }
    if (a.has("version")) {
      text(path + ".version", JsonFields.string(a, "version"), true);
    }
    return Math.max(values, 1);
  }

  private void text(String path, String value, boolean version) {
    if (value.length() > MAX_STRING) {
      fail("FieldValueTooLong", path, "Too long: may not be more than " + MAX_STRING + " bytes");
    } else if (version && !SEMVER.matcher(value).matches()) {
      fail(
          "FieldValueInvalid",
          path,
          "Invalid value: \""
              + value
              + "\": must be a string compatible with semver.org spec 2.0.0");
    }
  }

  private void binding(String path, JsonObject dev) {
    List<String> conditions = strings(dev, "bindingConditions");
    List<String> failures = strings(dev, "bindingFailureConditions");
    conditions(path + ".bindingConditions", conditions);
    conditions(path + ".bindingFailureConditions", failures);
    for (int i = 0; i < failures.size(); i++) {
      if (conditions.contains(failures.get(i))) {
        fail(
            "FieldValueInvalid",
            path + ".bindingFailureConditions[" + i + "]",
            "Invalid value: \""
                + failures.get(i)
                + "\": bindingFailureConditions must not overlap with bindingConditions");
      }
    }
    if (conditions.isEmpty() && !failures.isEmpty()) {
      fail(
          "FieldValueInvalid",
          path + ".bindingConditions",
          "Invalid value: null: bindingConditions are required to use bindingFailureConditions");
    }
    if (failures.isEmpty() && !conditions.isEmpty()) {
      fail(
          "FieldValueInvalid",
          path + ".bindingFailureConditions",
          "Invalid value: null: bindingFailureConditions are required to use bindingConditions");
    }
  }

  private void conditions(String path, List<String> conditions) {
    if (conditions.size() > MAX_CONDITIONS) {
      fail(
          "FieldValueTooMany",
          path,
          "Too many: " + conditions.size() + ": must have at most " + MAX_CONDITIONS + " items");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < conditions.size(); i++) {
      String c = conditions.get(i);
      if (!CONDITION.matcher(c).matches() || c.length() > 316) {
        fail(
            "FieldValueInvalid",
            path + "[" + i + "]",
            "Invalid value: \"" + c + "\": name part must consist of alphanumeric characters");
      }
      if (!seen.add(c)) {
        fail("FieldValueDuplicate", path + "[" + i + "]", "Duplicate value: \"" + c + "\"");
      }
    }
  }

  private void requestPolicy(String path, BigDecimal capacity, JsonObject policy) {
    JsonArray valid = JsonFields.array(policy, "validValues");
    Optional<JsonObject> range = JsonFields.object(policy, "validRange");
    Optional<BigDecimal> def = quantity(policy, "default");
    if (!valid.isEmpty() && range.isPresent()) {
      fail(
          "FieldValueForbidden",
          path,
          "Forbidden: exactly one policy can be specified, cannot specify \"validValues\" and"
              + " \"validRange\" at the same time");
      return;
    }
    if ((!valid.isEmpty() || range.isPresent()) && def.isEmpty()) {
      fail(
          "FieldValueRequired",
          path + ".default",
          "Required value: required when validValues or validRange is defined");
      return;
    }
    if (!valid.isEmpty()) {
      validValues(path + ".validValues", capacity, def.get(), valid);
    }
    if (range.isPresent()) {
      range(path + ".validRange", capacity, def.get(), range.get());
    }
  }

  private void validValues(String path, BigDecimal capacity, BigDecimal def, JsonArray valid) {
    if (valid.size() > MAX_VALID_VALUES) {
      fail(
          "FieldValueTooMany",
          path,
          "Too many: " + valid.size() + ": must have at most " + MAX_VALID_VALUES + " items");
    }
    List<BigDecimal> values = new ArrayList<>();
    for (int i = 0; i < valid.size(); i++) {
      parse(path + "[" + i + "]", valid.get(i).getAsString()).ifPresent(values::add);
    }
    boolean foundDefault = false;
    for (int i = 0; i < values.size(); i++) {
      BigDecimal v = values.get(i);
      if (i > 0 && values.get(i - 1).compareTo(v) > 0) {
        invalid(path + "[" + i + "]", v, "values must be sorted in ascending order");
      }
      if (i > 0 && values.get(i - 1).compareTo(v) == 0) {
        fail("FieldValueDuplicate", path + "[" + i + "]", "Duplicate value: \"" + v + "\"");
      }
      if (v.compareTo(capacity) > 0) {
        invalid(path + "[" + i + "]", v, "option is larger than capacity value: " + capacity);
      }
      foundDefault |= v.compareTo(def) == 0;
    }
    if (!foundDefault) {
      invalid(path, def, "default value is not valid according to the requestPolicy");
    }
  }

  private void range(String path, BigDecimal capacity, BigDecimal def, JsonObject r) {
    Optional<BigDecimal> min = quantity(r, "min");
    if (min.isEmpty()) {
      fail(
          "FieldValueRequired",
          path + ".min",
          "Required value: required when validRange is defined");
      return;
    }
    Optional<BigDecimal> max = quantity(r, "max");
    Optional<BigDecimal> step = quantity(r, "step");
    if (min.get().compareTo(capacity) > 0) {
      invalid(path + ".min", min.get(), "min is larger than capacity value: " + capacity);
    }
    if (def.compareTo(min.get()) < 0) {
      invalid(path + ".default", def, "default is less than min: " + min.get());
    }
    if (max.isPresent()) {
      if (min.get().compareTo(max.get()) > 0) {
        invalid(path + ".max", min.get(), "min is larger than max: " + max.get());
      }
      if (max.get().compareTo(capacity) > 0) {
        invalid(path + ".max", max.get(), "max is larger than capacity value: " + capacity);
      }
      if (def.compareTo(max.get()) > 0) {
        invalid(path + ".default", def, "default is more than max: " + max.get());
      }
    }
    if (step.isPresent()) {
      if (step.get().signum() <= 0) {
        invalid(path + ".step", step.get(), "must be greater than zero");
        return;
      }
      if (min.get().add(step.get()).compareTo(capacity) > 0) {
        invalid(path + ".step", step.get(), "one step is larger than capacity value: " + capacity);
      }
      for (BigDecimal v : max.isPresent() ? List.of(def, max.get()) : List.of(def)) {
        if (v.subtract(min.get()).remainder(step.get()).signum() != 0) {
          invalid(path + ".step", v, "value is not a multiple of a given step");
        }
      }
    }
  }

  private Optional<BigDecimal> quantity(JsonObject o, String field) {
    String text = JsonFields.string(o, field);
    return text.isEmpty() ? Optional.empty() : parse(field, text);
  }

  private Optional<BigDecimal> parse(String path, String text) {
    try {
      return Optional.of(Quantity.fromString(text).getNumber());
    } catch (RuntimeException e) {
      fail(
          "FieldValueInvalid",
          path,
          "Invalid value: \"" + text + "\": quantities must match the regular expression");
      return Optional.empty();
    }
  }

  private static List<String> strings(JsonObject o, String field) {
    List<String> out = new ArrayList<>();
    JsonFields.array(o, field).forEach(e -> out.add(e.getAsString()));
    return out;
  }

  private void invalid(String path, BigDecimal value, String why) {
    fail(
        "FieldValueInvalid",
        path,
        "Invalid value: \"" + value.stripTrailingZeros().toPlainString() + "\": " + why);
  }

  private void fail(String type, String field, String message) {
    causes.add(new ApiError.Cause(type, field, message));
  }
}
