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
package io.dra4j.runtime.internal.slices;

import java.util.OptionalInt;

/**
 * The Kubernetes release of the API server the slices are written to, as far as the slice rules
 * differ between releases. An unknown version (a server that did not say, or a major version other
 * than 1) is treated as the newest release: its rules are the strictest.
 *
 * @param minor the minor version of a Kubernetes 1.x API server; empty when unknown
 */
public record ServerVersion(OptionalInt minor) {
  /** A server whose version is not known; it gets the newest release's rules. */
  public static final ServerVersion UNKNOWN = new ServerVersion(OptionalInt.empty());

  /**
   * @throws IllegalArgumentException when {@code minor} is negative
   */
  public ServerVersion {
    if (minor.isPresent() && minor.getAsInt() < 0) {
      throw new IllegalArgumentException(
          "a Kubernetes minor version is not negative; got " + minor.getAsInt());
    }
  }

  /** Kubernetes 1.{@code minor}. */
  public static ServerVersion of(int minor) {
    return new ServerVersion(OptionalInt.of(minor));
  }

  /**
   * The version in {@code /version}'s {@code major} and {@code minor} fields. Managed clusters
   * append a suffix to the minor version ({@code "34+"}); it is ignored. Anything that is not
   * Kubernetes 1.x with a numeric minor version is {@link #UNKNOWN}.
   */
  public static ServerVersion parse(String major, String minor) {
    String ma = major.replaceAll("\\D.*$", "");
    String mi = minor.replaceAll("\\D.*$", "");
    if (!ma.equals("1") || mi.isEmpty() || mi.length() > 4) {
      return UNKNOWN;
    }
    return of(Integer.parseInt(mi));
  }

  /** Whether the version is known. */
  public boolean known() {
    return minor.isPresent();
  }

  /**
   * Whether counter sets go into the slice of the devices that consume them (Kubernetes 1.34 and
   * older); from 1.35 on they are in slices of their own.
   */
  public boolean countersBesideDevices() {
    return minor.isPresent() && minor.getAsInt() <= 34;
  }

  /**
   * Whether the limit of 64 devices per slice applies to devices with list-type attributes as well
   * as to devices with taints or counters (Kubernetes 1.36 and later).
   */
  public boolean sixtyFourDeviceRuleCoversListAttributes() {
    return minor.isEmpty() || minor.getAsInt() >= 36;
  }

  /**
   * Whether the release has list-type attributes (Kubernetes 1.36 and later, alpha behind the gate
   * DRAListTypeAttributes).
   */
  public boolean hasListAttributes() {
    return minor.isEmpty() || minor.getAsInt() >= 36;
  }

  /**
   * Whether consumable capacity and binding conditions are still alpha, stored only with their
   * feature gates on (Kubernetes 1.35 and older); beta and on from 1.36.
   */
  public boolean sharingAndBindingAlpha() {
    return minor.isPresent() && minor.getAsInt() < 36;
  }

  /**
   * Whether device taints follow Kubernetes 1.34's rules (alpha): at most 4 per device and no
   * effect {@code None}; from 1.35 up to 16 and {@code None} too.
   */
  public boolean taintsAsIn134() {
    return minor.isPresent() && minor.getAsInt() <= 34;
  }

  /** Where this server wants counter sets. */
  public CounterLayout counterLayout() {
    return countersBesideDevices() ? CounterLayout.WITH_DEVICES : CounterLayout.SEPARATE_SLICES;
  }

  /** {@code 1.35}, or {@code unknown}. */
  @Override
  public String toString() {
    return minor.isPresent() ? "1." + minor.getAsInt() : "unknown";
  }
}
