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

/** The {@code resource.k8s.io/v1} limits, checked when values are built. */
final class Validation {
  static final int MAX_ATTRIBUTES_AND_CAPACITIES = 32;
  static final int MAX_TAINTS = 16;
  static final int MAX_COUNTER_SETS = 8;
  static final int MAX_COUNTERS_PER_SET = 32;
  static final int MAX_CONSUMES_COUNTERS = 2;

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern C_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  private Validation() {}

  static boolean isDnsLabel(String s) {
    return s != null && s.length() <= 63 && DNS_LABEL.matcher(s).matches();
  }

  static boolean isDnsSubdomain(String s) {
    if (s == null || s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (String part : s.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }

  static void requireDnsLabel(String what, String owner, String value) {
    if (!isDnsLabel(value)) {
      throw new ValidationException(
          owner,
          what,
          value,
          "must be a DNS label: at most 63 lowercase letters, digits or '-', starting and ending"
              + " with a letter or digit");
    }
  }

  static void requireAttributeString(String kind, String value) {
    Objects.requireNonNull(value, kind + " value");
    if (value.length() > AttributeValue.MAX_LENGTH) {
      throw new ValidationException(
          "attribute",
          kind + " value",
          value,
          "must be at most " + AttributeValue.MAX_LENGTH + " characters, has " + value.length());
    }
  }

  static void requireSemver(String value) {
    if (!SEMVER.matcher(value).matches()) {
      throw new ValidationException(
          "attribute",
          "version value",
          value,
          "must be a semantic version 2.0 such as 1.2.3 or 2.0.0-rc.1 (no leading 'v')");
    }
  }

  static void requireQualifiedName(Optional<String> domain, String name) {
    Objects.requireNonNull(name, "name");
    String full = domain.map(d -> d + "/" + name).orElse(name);
    if (name.length() > 32 || !C_IDENTIFIER.matcher(name).matches()) {
      throw new ValidationException(
          "qualified name",
          "name",
          full,
          "the part after the domain must be a C identifier (letters, digits, '_', not starting"
              + " with a digit) of at most 32 characters");
    }
    if (domain.isPresent() && (domain.get().length() > 63 || !isDnsSubdomain(domain.get()))) {
      throw new ValidationException(
          "qualified name",
          "domain",
          full,
          "the domain must be a DNS subdomain of at most 63 characters, like resource.aws.com");
    }
  }

  static void requireTaint(String key, Optional<String> value) {
    Objects.requireNonNull(key, "taint key");
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    boolean ok =
        name.length() <= 63
            && Pattern.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?", name)
            && (slash < 0 || isDnsSubdomain(key.substring(0, slash)));
    if (!ok) {
      throw new ValidationException(
          "taint",
          "key",
          key,
          "must be a qualified name: an optional DNS subdomain and '/', then at most 63"
              + " alphanumerics, '-', '_' or '.'");
    }
    if (value.isPresent()
        && !value.get().isEmpty()
        && (value.get().length() > 63
            || !Pattern.matches("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?", value.get()))) {
      throw new ValidationException(
          "taint " + key,
          "value",
          value.get(),
          "must be at most 63 alphanumerics, '-', '_' or '.', starting and ending alphanumeric");
    }
  }

  static <K extends Comparable<K>, V> Map<K, V> copySorted(Map<K, V> map) {
    Objects.requireNonNull(map, "map");
    return Collections.unmodifiableMap(new TreeMap<>(map));
  }

  static Map<String, Counter> copyCounters(String owner, Map<String, Counter> counters) {
    Objects.requireNonNull(counters, "counters");
    if (counters.size() > MAX_COUNTERS_PER_SET) {
      throw new ValidationException(
          owner,
          "counters",
          String.valueOf(counters.size()),
          "at most " + MAX_COUNTERS_PER_SET + " counters are allowed");
    }
    counters.keySet().forEach(k -> requireDnsLabel("counter name", owner, k));
    return Collections.unmodifiableMap(new TreeMap<>(counters));
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
    if (total > MAX_ATTRIBUTES_AND_CAPACITIES) {
      throw new ValidationException(
          owner,
          "attributes+capacity",
          String.valueOf(total),
          "at most "
              + MAX_ATTRIBUTES_AND_CAPACITIES
              + " attributes and capacities together are allowed");
    }
    if (taints.size() > MAX_TAINTS) {
      throw new ValidationException(
          owner,
          "taints",
          String.valueOf(taints.size()),
          "at most " + MAX_TAINTS + " taints are allowed");
    }
    if (consumesCounters.size() > MAX_CONSUMES_COUNTERS) {
      throw new ValidationException(
          owner,
          "consumesCounters",
          String.valueOf(consumesCounters.size()),
          "at most " + MAX_CONSUMES_COUNTERS + " counter sets may be consumed");
    }
    Set<String> seen = new HashSet<>();
    for (CounterConsumption c : consumesCounters) {
      if (!seen.add(c.counterSet())) {
        throw new ValidationException(
            owner, "consumesCounters", c.counterSet(), "each counter set may be referenced once");
      }
    }
  }

  static void requirePool(String name, List<Device> devices, List<CounterSet> sharedCounters) {
    Objects.requireNonNull(name, "pool name");
    boolean ok = !name.isEmpty() && name.length() <= 253;
    if (ok) {
      for (String part : name.split("/", -1)) {
        ok &= isDnsSubdomain(part);
      }
    }
    if (!ok) {
      throw new ValidationException(
          "pool", "name", name, "must be at most 253 characters: DNS subdomains separated by '/'");
    }
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
            "pool " + name, "sharedCounters", s.name(), "counter set names must be unique");
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
              "refers to a counter set that pool " + name + " does not define");
        }
        for (String counter : c.counters().keySet()) {
          if (!set.counters().containsKey(counter)) {
            throw new ValidationException(
                "device " + d.name(),
                "consumesCounters." + c.counterSet(),
                counter,
                "counter set " + c.counterSet() + " has no such counter");
          }
        }
      }
    }
  }

  static void requireUniquePools(List<Pool> pools) {
    Set<String> names = new HashSet<>();
    for (Pool p : pools) {
      if (!names.add(p.name())) {
        throw new ValidationException("resources", "pools", p.name(), "pool names must be unique");
      }
    }
  }
}
