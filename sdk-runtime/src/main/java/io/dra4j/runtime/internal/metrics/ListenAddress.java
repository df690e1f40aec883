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
package io.dra4j.runtime.internal.metrics;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The address the metrics and probes server listens on: an IPv4 or IPv6 literal, never a host name
 * (a name would need DNS at start and could resolve to an interface nobody meant to expose).
 */
public final class ListenAddress {
  /** Loopback: nothing outside the pod (or, with host networking, the node) reaches it. */
  public static final String DEFAULT = "127.0.0.1";

  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[\\w.-]+)?");

  private ListenAddress() {}

  /**
   * Parses an address such as {@code 127.0.0.1}, {@code 0.0.0.0}, {@code 10.1.2.3}, {@code ::},
   * {@code ::1} or {@code [fd00::5]}.
   *
   * @throws IllegalArgumentException naming the value and what is accepted
   */
  public static InetAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    if (IPV4.matcher(t).matches() || IPV6.matcher(t).matches()) {
      try {
        // A literal: no name lookup happens.
        return InetAddress.getByName(t);
      } catch (UnknownHostException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException(
        "'"
            + text
            + "' is not an IP address: use an IPv4 or IPv6 literal such as 127.0.0.1 (loopback,"
            + " the default), the pod IP, or 0.0.0.0 / :: for every interface; host names are"
            + " not accepted");
  }
}
