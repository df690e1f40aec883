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

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The Kubernetes name rules the device model uses: DNS labels, DNS subdomains, C identifiers,
 * qualified names, label keys and values, and driver names. The {@code is...} methods answer
 * whether a string follows a rule; the {@code require...} methods throw a {@link
 * ValidationException} that names the value and the rule.
 */
public final class Names {

  /** Longest DNS label: device, counter set and counter names. */
  public static final int DNS_LABEL_MAX_LENGTH = 63;

  /** Longest DNS subdomain. */
  public static final int DNS_SUBDOMAIN_MAX_LENGTH = 253;

  /** Longest driver name, which is also the longest domain of a qualified name. */
  public static final int DRIVER_NAME_MAX_LENGTH = 63;

  /** Longest C identifier in a qualified name. */
  public static final int C_IDENTIFIER_MAX_LENGTH = 32;

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern C_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern LABEL_NAME =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

  private Names() {}

  /**
   * Whether {@code s} is a DNS label (RFC 1123): 1 to 63 lowercase letters, digits or {@code -},
   * starting and ending with a letter or digit.
   */
  public static boolean isDnsLabel(String s) {
    return s != null && s.length() <= DNS_LABEL_MAX_LENGTH && DNS_LABEL.matcher(s).matches();
  }

  /**
   * Whether {@code s} is a DNS subdomain (RFC 1123): at most 253 characters of DNS-label-shaped
   * parts joined by dots.
   */
  public static boolean isDnsSubdomain(String s) {
    if (s == null || s.isEmpty() || s.length() > DNS_SUBDOMAIN_MAX_LENGTH) {
      return false;
    }
    for (String part : s.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(part).matches()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code s} is a C identifier of at most 32 characters: letters, digits and {@code _},
   * not starting with a digit.
   */
  public static boolean isCIdentifier(String s) {
    return s != null && s.length() <= C_IDENTIFIER_MAX_LENGTH && C_IDENTIFIER.matcher(s).matches();
  }

  /**
   * Whether {@code s} is a valid driver name: a lowercase DNS subdomain of at most 63 characters.
   *
   * <p>Kubernetes compares driver names case-insensitively when validating; dra4j requires
   * lowercase because the name also becomes part of ResourceSlice names, socket paths and CDI
   * kinds, which must be lowercase.
   */
  public static boolean isDriverName(String s) {
    return s != null && s.length() <= DRIVER_NAME_MAX_LENGTH && isDnsSubdomain(s);
  }

  /**
   * Checks a driver name and returns it.
   *
   * @throws ValidationException naming the driver name and the rule
   */
  public static String requireDriverName(String name) {
    if (name == null || name.isEmpty()) {
      throw new ValidationException(
          "driver",
          "name",
          String.valueOf(name),
          "must not be empty: use a DNS subdomain you own, like gpu.example.com");
    }
    if (name.length() > DRIVER_NAME_MAX_LENGTH) {
      throw new ValidationException(
          "driver",
          "name",
          name,
          "must be at most " + DRIVER_NAME_MAX_LENGTH + " characters, has " + name.length());
    }
    if (!isDnsSubdomain(name)) {
      throw new ValidationException(
          "driver",
          "name",
          name,
          "must be a lowercase DNS subdomain: dot-separated parts of lowercase letters, digits and"
              + " '-', each starting and ending with a letter or digit, like gpu.example.com");
    }
    return name;
  }

  /**
   * Whether {@code s} is a qualified attribute or capacity name: a C identifier of at most 32
   * characters, optionally preceded by a DNS subdomain of at most 63 characters and one {@code /}.
   */
  public static boolean isQualifiedName(String s) {
    if (s == null) {
      return false;
    }
    int slash = s.indexOf('/');
    if (slash < 0) {
      return isCIdentifier(s);
    }
    return isQualifiedNameDomain(s.substring(0, slash)) && isCIdentifier(s.substring(slash + 1));
  }

  /**
   * Whether {@code s} is a valid domain of a qualified name: a DNS subdomain of at most 63
   * characters. Letter case is ignored, as Kubernetes does.
   */
  public static boolean isQualifiedNameDomain(String s) {
    return s != null
        && s.length() <= DRIVER_NAME_MAX_LENGTH
        && isDnsSubdomain(s.toLowerCase(Locale.ROOT));
  }

  /**
   * Whether {@code s} is a label key, the shape of a taint key: an optional DNS subdomain prefix
   * and {@code /}, then at most 63 letters, digits, {@code -}, {@code _} or {@code .}, starting and
   * ending with a letter or digit.
   */
  public static boolean isLabelKey(String s) {
    if (s == null) {
      return false;
    }
    int slash = s.indexOf('/');
    String name = slash < 0 ? s : s.substring(slash + 1);
    return name.length() <= DNS_LABEL_MAX_LENGTH
        && LABEL_NAME.matcher(name).matches()
        && (slash < 0 || isDnsSubdomain(s.substring(0, slash)));
  }

  /**
   * Whether {@code s} is a label value, the shape of a taint value: empty, or at most 63 letters,
   * digits, {@code -}, {@code _} or {@code .}, starting and ending with a letter or digit.
   */
  public static boolean isLabelValue(String s) {
    return s != null
        && (s.isEmpty() || (s.length() <= DNS_LABEL_MAX_LENGTH && LABEL_NAME.matcher(s).matches()));
  }

  /** The length the Kubernetes API measures for string limits: UTF-8 bytes. */
  static int apiLength(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
