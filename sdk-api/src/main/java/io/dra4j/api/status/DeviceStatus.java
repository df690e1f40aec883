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

import io.dra4j.api.device.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a driver reports about one allocated device in the claim's {@code status.devices}:
 * conditions, driver-specific data (a JSON object) and network data. The SDK writes it after a
 * successful prepare; {@link #none()} reports nothing. Checked against the API server's limits: at
 * most 8 conditions with distinct types, data of at most 10 KiB of JSON.
 *
 * <pre>{@code
 * DeviceStatus status =
 *     DeviceStatus.builder()
 *         .condition(DeviceCondition.of("Ready", DeviceCondition.Status.TRUE, "Configured", ""))
 *         .data("rdmaDevice", "rdmap16s27")
 *         .networkData(NetworkData.ofInterface("efa0"))
 *         .build();
 * }</pre>
 *
 * @param conditions the device's conditions, types distinct
 * @param data driver-specific data; an empty map writes no {@code data}
 * @param networkData the device's network data, if it has any
 */
public record DeviceStatus(
    List<DeviceCondition> conditions, Map<String, Object> data, Optional<NetworkData> networkData) {

  /** The most conditions per device. */
  public static final int MAX_CONDITIONS = 8;

  /** The most bytes of {@link #data()} as JSON. */
  public static final int DATA_MAX_LENGTH = 10 * 1024;

  private static final DeviceStatus NONE = new DeviceStatus(List.of(), Map.of(), Optional.empty());

  /** Checks and copies the components; {@code data} is copied deeply, keys sorted. */
  @SuppressWarnings("unchecked")
  public DeviceStatus {
    conditions = List.copyOf(conditions);
    Objects.requireNonNull(networkData, "networkData");
    data = (Map<String, Object>) JsonText.copy("data", Objects.requireNonNull(data, "data"));
    if (conditions.size() > MAX_CONDITIONS) {
      throw new ValidationException(
          "device status",
          "conditions",
          String.valueOf(conditions.size()),
          "must hold at most " + MAX_CONDITIONS + " conditions");
    }
    Set<String> types = new HashSet<>();
    for (DeviceCondition c : conditions) {
      if (!types.add(c.type())) {
        throw new ValidationException(
            "device status", "conditions", c.type(), "must not hold two conditions of one type");
      }
    }
    int size = JsonText.write(data).getBytes(StandardCharsets.UTF_8).length;
    if (size > DATA_MAX_LENGTH) {
      throw new ValidationException(
          "device status",
          "data",
          size + " bytes",
          "must be at most " + DATA_MAX_LENGTH + " bytes of JSON: keep large data elsewhere");
    }
  }

  /** Reports nothing: the SDK writes no entry for the device. */
  public static DeviceStatus none() {
    return NONE;
  }

  /** Starts an empty status. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether there is nothing to report. */
  public boolean isEmpty() {
    return conditions.isEmpty() && data.isEmpty() && networkData.isEmpty();
  }

  /** The data as compact JSON, the text the API server receives; {@code {}} when empty. */
  public String dataJson() {
    return JsonText.write(data);
  }

  /** Builds a {@link DeviceStatus}; the checks run in {@link #build()}. */
  public static final class Builder {
    private final List<DeviceCondition> conditions = new ArrayList<>();
    private final Map<String, Object> data = new LinkedHashMap<>();
    private Optional<NetworkData> networkData = Optional.empty();

    private Builder() {}

    /** Adds a condition. */
    public Builder condition(DeviceCondition condition) {
      conditions.add(Objects.requireNonNull(condition, "condition"));
      return this;
    }

    /**
     * Sets one data key to a JSON value: a String, Boolean, Number, List or Map with String keys.
     */
    public Builder data(String key, Object value) {
      data.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets the network data. */
    public Builder networkData(NetworkData networkData) {
      this.networkData = Optional.of(networkData);
      return this;
    }

    /**
     * Builds the status.
     *
     * @throws ValidationException when a limit of the API is broken
     */
    public DeviceStatus build() {
      return new DeviceStatus(conditions, data, networkData);
    }
  }
}
