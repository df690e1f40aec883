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
package io.dra4j.testkit.cel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A semantic version 2.0 value ({@code 1.2.3-rc.1+build}) with the precedence rules of the spec:
 * build metadata is ignored when comparing, a pre-release sorts before its release.
 */
public record Semver(long major, long minor, long patch, List<String> preRelease, String build)
    implements Comparable<Semver> {

  public Semver {
    preRelease = List.copyOf(preRelease);
    Objects.requireNonNull(build, "build");
  }

  /** Parses strict semver 2.0; the error names the rule that was broken. */
  public static Semver parse(String text) {
    Optional<String> problem = problem(text);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(
          "invalid semver \"" + text + "\": " + problem.get() + " (expected e.g. 1.2.3-rc.1)");
    }
    String rest = text;
    String build = "";
    int plus = rest.indexOf('+');
    if (plus >= 0) {
      build = rest.substring(plus + 1);
      rest = rest.substring(0, plus);
    }
    List<String> pre = List.of();
    int dash = rest.indexOf('-');
    if (dash >= 0) {
      pre = List.of(rest.substring(dash + 1).split("\\.", -1));
      rest = rest.substring(0, dash);
    }
    String[] core = rest.split("\\.", -1);
    return new Semver(
        Long.parseLong(core[0]), Long.parseLong(core[1]), Long.parseLong(core[2]), pre, build);
  }

  /** Whether {@code text} is a valid semver 2.0 string. */
  public static boolean isValid(String text) {
    return problem(text).isEmpty();
  }

  private static Optional<String> problem(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.of("empty");
    }
    String rest = text;
    int plus = rest.indexOf('+');
    if (plus >= 0) {
      for (String id : rest.substring(plus + 1).split("\\.", -1)) {
        if (id.isEmpty() || !id.chars().allMatch(Semver::isIdentifierChar)) {
          return Optional.of("build metadata identifiers must be non-empty [0-9A-Za-z-]");
        }
      }
      rest = rest.substring(0, plus);
    }
    int dash = rest.indexOf('-');
    if (dash >= 0) {
      for (String id : rest.substring(dash + 1).split("\\.", -1)) {
        if (id.isEmpty() || !id.chars().allMatch(Semver::isIdentifierChar)) {
          return Optional.of("pre-release identifiers must be non-empty [0-9A-Za-z-]");
        }
        if (isNumeric(id) && id.length() > 1 && id.charAt(0) == '0') {
          return Optional.of("numeric pre-release identifiers must not have leading zeros");
        }
      }
      rest = rest.substring(0, dash);
    }
    String[] core = rest.split("\\.", -1);
    if (core.length != 3) {
      return Optional.of("needs MAJOR.MINOR.PATCH");
    }
    for (String part : core) {
      if (part.isEmpty() || !isNumeric(part)) {
        return Optional.of("MAJOR, MINOR and PATCH must be numbers");
      }
      if (part.length() > 1 && part.charAt(0) == '0') {
        return Optional.of("MAJOR, MINOR and PATCH must not have leading zeros");
      }
      if (part.length() > 18) {
        return Optional.of("version number too large");
      }
    }
    return Optional.empty();
  }

  private static boolean isIdentifierChar(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  }

  private static boolean isNumeric(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  @Override
  public int compareTo(Semver o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compare(patch, o.patch);
    }
    if (c != 0) {
      return c;
    }
    if (preRelease.isEmpty() || o.preRelease.isEmpty()) {
      return Boolean.compare(preRelease.isEmpty(), o.preRelease.isEmpty());
    }
    for (int i = 0; i < Math.min(preRelease.size(), o.preRelease.size()); i++) {
      c = comparePreRelease(preRelease.get(i), o.preRelease.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(preRelease.size(), o.preRelease.size());
  }

  private static int comparePreRelease(String a, String b) {
    boolean an = isNumeric(a);
    boolean bn = isNumeric(b);
    if (an && bn) {
      return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
    if (an != bn) {
      return an ? -1 : 1;
    }
    return a.compareTo(b);
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    parts.add(major + "." + minor + "." + patch);
    String s = String.join("", parts);
    if (!preRelease.isEmpty()) {
      s += "-" + String.join(".", preRelease);
    }
    if (!build.isEmpty()) {
      s += "+" + build;
    }
    return s;
  }
}
