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
package io.dra4j.runtime.internal.config;

import io.dra4j.api.config.ConfigSource;
import io.dra4j.api.prepare.ClaimRef;
import java.util.Objects;
import java.util.Optional;

/**
 * An opaque configuration entry of a claim could not be decoded. The message names the claim
 * ({@code namespace/name}), the entry's position in the allocation's config list, where it came
 * from (DeviceClass or claim), its {@code apiVersion}/{@code kind}, the field path and the allowed
 * values or the fix; it reaches the pod's events, so it is written for the claim's author.
 */
public final class ConfigDecodingException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient ClaimRef claim;
  private final int configIndex;
  private final ConfigSource source;
  private final String configType;
  private final String fieldPath;
  private final String detail;

  ConfigDecodingException(
      ClaimRef claim,
      int configIndex,
      ConfigSource source,
      String configType,
      String fieldPath,
      String problem,
      Throwable cause) {
    super(
        "claim "
            + claim.namespace()
            + "/"
            + claim.name()
            + ": "
            + detail(configIndex, source, configType, fieldPath, problem),
        cause);
    this.claim = Objects.requireNonNull(claim, "claim");
    this.configIndex = configIndex;
    this.source = Objects.requireNonNull(source, "source");
    this.configType = configType;
    this.fieldPath = fieldPath;
    this.detail = detail(configIndex, source, configType, fieldPath, problem);
  }

  private static String detail(
      int index, ConfigSource source, String configType, String fieldPath, String problem) {
    StringBuilder sb = new StringBuilder();
    sb.append("opaque config #")
        .append(index)
        .append(" (from the ")
        .append(source == ConfigSource.CLASS ? "DeviceClass" : "claim")
        .append(configType == null ? "" : ", " + configType)
        .append(')');
    if (fieldPath != null && !fieldPath.isEmpty()) {
      sb.append(", field '").append(fieldPath).append('\'');
    }
    return sb.append(": ").append(problem).toString();
  }

  /**
   * The message without the claim's name, for the per-claim error the kubelet puts behind its own
   * {@code failed for claim <namespace>/<name>:}.
   */
  public String detail() {
    return detail;
  }

  /** The claim whose configuration failed. */
  public ClaimRef claim() {
    return claim;
  }

  /** The entry's position in the allocation's config list (class entries first). */
  public int configIndex() {
    return configIndex;
  }

  /** Whether the entry came from the DeviceClass or the claim. */
  public ConfigSource source() {
    return source;
  }

  /** {@code apiVersion=<v>, kind=<k>} when the entry got that far. */
  public Optional<String> configType() {
    return Optional.ofNullable(configType);
  }

  /**
   * The path of the offending field, such as {@code
   * sharing.mpsConfig.defaultActiveThreadPercentage}.
   */
  public Optional<String> fieldPath() {
    return Optional.ofNullable(fieldPath).filter(p -> !p.isEmpty());
  }
}
