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
package io.dra4j.api.status;

import java.util.Optional;

/**
 * The canonical form of an interface address in CIDR notation ({@code 192.0.2.5/24}, {@code
 * 2001:db8::5/64}), as the API server requires it for {@code networkData.ips}: IPv4 without leading
 * zeros, IPv6 in RFC 5952 form (lowercase, no leading zeros, the longest run of two or more zero
 * groups shortened to {@code ::}).
 */
final class InterfaceAddress {
  private InterfaceAddress() {}

  /** The canonical form of {@code value}, or empty when it is not an address with a prefix. */
  static Optional<String> canonical(String value) {
    int slash = value.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    String address = value.substring(0, slash);
    Optional<Integer> prefix = number(value.substring(slash + 1), 10, 128);
    if (prefix.isEmpty()) {
      return Optional.empty();
    }
    if (!address.contains(":")) {
      Optional<int[]> v4 = ipv4(address);
      if (v4.isEmpty() || prefix.get() > 32) {
        return Optional.empty();
      }
      return Optional.of(dotted(v4.get(), 0) + "/" + prefix.get());
    }
    Optional<int[]> v6 = ipv6(address);
    if (v6.isEmpty()) {
      return Optional.empty();
    }
    int[] g = v6.get();
    boolean mapped =
        g[5] == 0xffff && g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0;
    if (mapped) {
      int[] bytes = {g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff};
      int bits = prefix.get() > 32 ? prefix.get() - 96 : prefix.get();
      return Optional.of(dotted(bytes, 0) + "/" + bits);
    }
    return Optional.of(rfc5952(g) + "/" + prefix.get());
  }

  private static Optional<Integer> number(String s, int radix, int max) {
    if (s.isEmpty() || s.length() > 4) {
      return Optional.empty();
    }
    int n = 0;
    for (char c : s.toCharArray()) {
      int d = Character.digit(c, radix);
      if (d < 0) {
        return Optional.empty();
      }
      n = n * radix + d;
    }
    return n > max ? Optional.empty() : Optional.of(n);
  }

  private static Optional<int[]> ipv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    int[] out = new int[4];
    for (int i = 0; i < 4; i++) {
      Optional<Integer> n = number(parts[i], 10, 255);
      if (n.isEmpty()) {
        return Optional.empty();
      }
      out[i] = n.get();
    }
    return Optional.of(out);
  }

  private static Optional<int[]> ipv6(String s) {
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return Optional.empty();
    }
    String head = gap < 0 ? s : s.substring(0, gap);
    String tail = gap < 0 ? "" : s.substring(gap + 2);
    Optional<int[]> first = groups(head);
    Optional<int[]> last = groups(tail);
    if (first.isEmpty() || last.isEmpty()) {
      return Optional.empty();
    }
    int n = first.get().length + last.get().length;
    if (gap < 0 ? n != 8 : n > 7) {
      return Optional.empty();
    }
    int[] out = new int[8];
    System.arraycopy(first.get(), 0, out, 0, first.get().length);
    System.arraycopy(last.get(), 0, out, 8 - last.get().length, last.get().length);
    return Optional.of(out);
  }

  /** Colon-separated hex groups; a dotted IPv4 address may end them (two groups). */
  private static Optional<int[]> groups(String s) {
    if (s.isEmpty()) {
      return Optional.of(new int[0]);
    }
    String[] parts = s.split(":", -1);
    int[] out = new int[parts.length + 1];
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      if (i == parts.length - 1 && parts[i].contains(".")) {
        Optional<int[]> v4 = ipv4(parts[i]);
        if (v4.isEmpty()) {
          return Optional.empty();
        }
        out[n++] = v4.get()[0] << 8 | v4.get()[1];
        out[n++] = v4.get()[2] << 8 | v4.get()[3];
        continue;
      }
      Optional<Integer> g = number(parts[i], 16, 0xffff);
      if (g.isEmpty()) {
        return Optional.empty();
      }
      out[n++] = g.get();
    }
    int[] exact = new int[n];
    System.arraycopy(out, 0, exact, 0, n);
    return Optional.of(exact);
  }

  private static String dotted(int[] b, int from) {
    return b[from] + "." + b[from + 1] + "." + b[from + 2] + "." + b[from + 3];
  }

  private static String rfc5952(int[] g) {
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(g[i]));
    }
    return out.toString();
  }
}
