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
package io.dra4j.api.device;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Checks the {@code resource.k8s.io/v1} rules when values are built; see {@link Limits}. */
final class Validation {

  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  private static final String DNS_LABEL_RULE =
      "must be a DNS label: at most 63 lowercase letters, digits or '-', starting and ending with a"
          + " letter or digit";

  private Validation() {}

  static void requireDnsLabel(String what, String owner, String value) {
    if (!Names.isDnsLabel(value)) {
      throw new ValidationException(owner, what, String.valueOf(value), DNS_LABEL_RULE);
    }
  }

  static void requireAttributeString(String kind, String value) {
    Objects.requireNonNull(value, kind + " value");
    int length = Names.apiLength(value);
    if (length > Limits.MAX_ATTRIBUTE_VALUE_LENGTH) {
      throw new ValidationException(
          "attribute",
          kind + " value",
          value,
          "must be at most "
              + Limits.MAX_ATTRIBUTE_VALUE_LENGTH
              + " bytes in UTF-8, has "
              + length
              + ": shorten it or split it into several attributes");
    }
  }

  static boolean isSemver(String value) {
    return SEMVER.matcher(value).matches();
  }

  static void requireSemver(String value) {
    if (!isSemver(value)) {
      throw new ValidationException(
          "attribute",
          "version value",
          value,
          "must be a semantic version 2.0 such as 1.2.3 or 2.0.0-rc.1+build.5 (three numbers"
              + " without leading zeros, no leading 'v')");
    }
  }

  static void requireQualifiedName(Optional<String> domain, String name) {
    Objects.requireNonNull(name, "name");
    String full = domain.map(d -> d + "/" + name).orElse(name);
    if (domain.isPresent() && name.indexOf('/') >= 0) {
      throw new ValidationException(
          "qualified name", "name", full, "may contain only one '/', between domain and name");
    }
    if (!Names.isCIdentifier(name)) {
      throw new ValidationException(
          "qualified name",
          "name",
          full,
          "the part after the domain must be a C identifier (letters, digits, '_', not starting"
              + " with a digit) of at most "
              + Names.C_IDENTIFIER_MAX_LENGTH
              + " characters");
    }
    if (domain.isPresent() && domain.get().isEmpty()) {
      throw new ValidationException(
          "qualified name",
          "domain",
          full,
          "has an empty domain before '/': drop the '/' to use the driver's domain");
    }
    if (domain.isPresent() && !Names.isQualifiedNameDomain(domain.get())) {
      throw new ValidationException(
          "qualified name",
          "domain",
          full,
          "the domain must be a DNS subdomain of at most "
              + Names.DRIVER_NAME_MAX_LENGTH
              + " characters, like resource.aws.com");
    }
  }

  static void requireTaint(String key, Optional<String> value) {
    Objects.requireNonNull(key, "taint key");
    if (!Names.isLabelKey(key)) {
      throw new ValidationException(
          "taint",
          "key",
          key,
          "must be a label key: an optional DNS subdomain and '/', then at most 63 letters,"
              + " digits, '-', '_' or '.', starting and ending with a letter or digit");
    }
    if (value.isPresent() && !Names.isLabelValue(value.get())) {
      throw new ValidationException(
          "taint " + key,
          "value",
          value.get(),
          "must be a label value: at most 63 letters, digits, '-', '_' or '.', starting and ending"
              + " with a letter or digit");
    }
  }

  static void requireNodeLabels(Map<String, String> labels) {
    labels.forEach(
        (k, v) -> {
          if (!Names.isLabelKey(k)) {
            throw new ValidationException(
                "pool scope",
                "node label key",
                String.valueOf(k),
                "must be a label key: an optional DNS subdomain and '/', then at most 63 letters,"
                    + " digits, '-', '_' or '.'");
          }
          if (!Names.isLabelValue(v)) {
            throw new ValidationException(
                "pool scope",
                "node label " + k,
                String.valueOf(v),
                "must be a label value: at most 63 letters, digits, '-', '_' or '.'");
          }
        });
  }

  static <K extends Comparable<K>, V> Map<K, V> copySorted(String owner, Map<K, V> map) {
    Objects.requireNonNull(map, owner);
    Map<K, V> copy = new TreeMap<>();
    map.forEach(
        (k, v) -> copy.put(Objects.requireNonNull(k, owner), Objects.requireNonNull(v, owner)));
    return Collections.unmodifiableMap(copy);
  }

  static Map<String, Counter> copyCounters(String owner, Map<String, Counter> counters) {
    Objects.requireNonNull(counters, "counters");
    if (counters.size() > Limits.MAX_COUNTERS_PER_SET) {
      throw new ValidationException(
          owner,
          "counters",
          String.valueOf(counters.size()),
          "at most "
              + Limits.MAX_COUNTERS_PER_SET
              + " counters are allowed: split them over several counter sets");
    }
    counters.keySet().forEach(k -> requireDnsLabel("counter name", owner, k));
    return copySorted(owner + " counters", counters);
  }

  static void requireDevice(
      String name,
      Map<QualifiedName, AttributeValue> attributes,
      Map<QualifiedName, Quantity> capacity,
      List<CounterConsumption> consumesCounters,
      List<DeviceTaint> taints) {
    requireDnsLabel("name", "device " + name, name);
    String owner = "device " + name;
    int total = attributes.size() + capacity.size();
    if (total > Limits.MAX_ATTRIBUTES_AND_CAPACITIES_PER_DEVICE) {
      throw new ValidationException(
          owner,
          "attributes+capacity",
          String.valueOf(total),
          "at most "
              + Limits.MAX_ATTRIBUTES_AND_CAPACITIES_PER_DEVICE
              + " attributes and capacities together are allowed: drop the least useful ones");
    }
    int values = attributes.values().stream().mapToInt(AttributeValue::valueCount).sum();
    if (values > Limits.MAX_ATTRIBUTE_VALUES_PER_DEVICE) {
      throw new ValidationException(
          owner,
          "attribute values",
          String.valueOf(values),
          "at most "
              + Limits.MAX_ATTRIBUTE_VALUES_PER_DEVICE
              + " values are allowed, counting each element of a list attribute: shorten the"
              + " lists");
    }
    if (taints.size() > Limits.MAX_TAINTS_PER_DEVICE) {
      throw new ValidationException(
          owner,
          "taints",
          String.valueOf(taints.size()),
          "at most " + Limits.MAX_TAINTS_PER_DEVICE + " taints are allowed");
    }
    if (consumesCounters.size() > Limits.MAX_CONSUMES_COUNTERS_PER_DEVICE) {
      throw new ValidationException(
          owner,
          "consumesCounters",
          String.valueOf(consumesCounters.size()),
          "at most "
              + Limits.MAX_CONSUMES_COUNTERS_PER_DEVICE
              + " counter sets may be consumed by one device");
    }
    Set<String> seen = new HashSet<>();
    for (CounterConsumption c : consumesCounters) {
      if (!seen.add(c.counterSet())) {
        throw new ValidationException(
            owner,
            "consumesCounters",
            c.counterSet(),
            "each counter set may be referenced once: merge the counters into one entry");
      }
    }
  }

  static <T> List<T> copyList(String kind, List<T> values) {
    Objects.requireNonNull(values, kind);
    if (values.isEmpty()) {
      throw new ValidationException(
          "attribute",
          kind,
          "[]",
          "must not be empty: publish at least one value or leave the attribute out");
    }
    return List.copyOf(values);
  }

  static void requireBinding(List<String> conditions, List<String> failureConditions) {
    requireConditions("bindingConditions", conditions);
    requireConditions("bindingFailureConditions", failureConditions);
    if (conditions.isEmpty() != failureConditions.isEmpty()) {
      throw new ValidationException(
          "device binding",
          conditions.isEmpty() ? "bindingConditions" : "bindingFailureConditions",
          "[]",
          "must be set together with "
              + (conditions.isEmpty() ? "bindingFailureConditions" : "bindingConditions")
              + ": give both, or neither");
    }
    for (String c : failureConditions) {
      if (conditions.contains(c)) {
        throw new ValidationException(
            "device binding",
            "bindingFailureConditions",
            c,
            "is also a binding condition: a condition is either required or a failure, not both");
      }
    }
  }

  private static void requireConditions(String field, List<String> conditions) {
    if (conditions.size() > Limits.MAX_BINDING_CONDITIONS) {
      throw new ValidationException(
          "device binding",
          field,
          String.valueOf(conditions.size()),
          "at most " + Limits.MAX_BINDING_CONDITIONS + " conditions are allowed");
    }
    Set<String> seen = new HashSet<>();
    for (String c : conditions) {
      if (!Names.isLabelKey(c)) {
        throw new ValidationException(
            "device binding",
            field,
            String.valueOf(c),
            "must be a condition type: an optional DNS subdomain and '/', then at most 63"
                + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit");
      }
      if (!seen.add(c)) {
        throw new ValidationException(
            "device binding", field, c, "is listed twice: list each condition once");
      }
    }
  }

  static void requireConsumableCapacity(
      String device,
      boolean allowMultipleAllocations,
      Map<QualifiedName, Quantity> capacity,
      Map<QualifiedName, CapacityRequestPolicy> requestPolicies) {
    String owner = "device " + device;
    for (Map.Entry<QualifiedName, CapacityRequestPolicy> e : requestPolicies.entrySet()) {
      String field = "capacity " + e.getKey() + " requestPolicy";
      Quantity value = capacity.get(e.getKey());
      if (value == null) {
        throw new ValidationException(
            owner,
            field,
            e.getKey().toString(),
            "refers to a capacity the device does not have: add the capacity, or drop the"
                + " policy; capacities: "
                + capacity.keySet());
      }
      if (!allowMultipleAllocations) {
        throw new ValidationException(
            owner,
            field,
            e.getKey().toString(),
            "needs allowMultipleAllocations: only a device several claims share has request"
                + " policies; call allowMultipleAllocations(true)");
      }
      try {
        RequestPolicyRules.requireWithinCapacity(value, e.getValue());
      } catch (ValidationException x) {
        throw x.within(owner, field + "." + x.field());
      }
    }
  }

  static void requirePoolName(String name) {
    Objects.requireNonNull(name, "pool name");
    boolean ok = !name.isEmpty() && name.length() <= Limits.MAX_POOL_NAME_LENGTH;
    if (ok) {
      for (String part : name.split("/", -1)) {
        ok &= Names.isDnsSubdomain(part);
      }
    }
    if (!ok) {
      throw new ValidationException(
          "pool",
          "name",
          name,
          "must be 1 to "
              + Limits.MAX_POOL_NAME_LENGTH
              + " characters: DNS subdomains (lowercase letters, digits, '-', '.') separated by"
              + " '/'");
    }
  }

  static void requirePool(String name, List<Device> devices, List<CounterSet> sharedCounters) {
    requirePoolName(name);
    Set<String> deviceNames = new HashSet<>();
    for (Device d : devices) {
      if (!deviceNames.add(d.name())) {
        throw new ValidationException(
            "pool " + name, "devices", d.name(), "device names must be unique in a pool");
      }
    }
    Map<String, CounterSet> sets = new TreeMap<>();
    for (CounterSet s : sharedCounters) {
      if (sets.put(s.name(), s) != null) {
        throw new ValidationException(
            "pool " + name,
            "sharedCounters",
            s.name(),
            "counter set names must be unique in a pool");
      }
    }
    for (Device d : devices) {
      for (CounterConsumption c : d.consumesCounters()) {
        CounterSet set = sets.get(c.counterSet());
        if (set == null) {
          throw new ValidationException(
              "device " + d.name(),
              "consumesCounters",
              c.counterSet(),
              "refers to a counter set that pool "
                  + name
                  + " does not define: add it with Pool.Builder.counterSet");
        }
        for (String counter : c.counters().keySet()) {
          if (!set.counters().containsKey(counter)) {
            throw new ValidationException(
                "device " + d.name(),
                "consumesCounters." + c.counterSet(),
                counter,
                "counter set "
                    + c.counterSet()
                    + " has no such counter; it has "
                    + set.counters().keySet());
          }
        }
      }
    }
  }

  static void requireUniquePools(List<Pool> pools) {
    Set<String> names = new HashSet<>();
    for (Pool p : pools) {
      if (!names.add(p.name())) {
        throw new ValidationException(
            "resources", "pools", p.name(), "pool names must be unique: merge the two pools");
      }
    }
  }
}
