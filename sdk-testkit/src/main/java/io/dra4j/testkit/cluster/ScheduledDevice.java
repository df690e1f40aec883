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
package io.dra4j.testkit.cluster;

import io.dra4j.api.device.AttributeValue;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One device the scheduler allocated to a claim, with the attributes the driver published for it
 * (looked up in the ResourceSlices at scheduling time).
 *
 * @param request the request (or {@code request/subrequest}) the device serves
 * @param driver the driver
 * @param pool the pool
 * @param device the device name
 * @param attributes the published attributes, keyed as in the slice (for example {@code
 *     resource.aws.com/devicegroup4_id} or {@code deviceId})
 */
public record ScheduledDevice(
    String request,
    String driver,
    String pool,
    String device,
    Map<String, AttributeValue> attributes) {

  /** Checks and copies the components. */
  public ScheduledDevice {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(device, "device");
    attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /** An attribute by its published name. */
  public Optional<AttributeValue> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /**
   * An attribute's value as text (ints and bools printed, strings and versions as they are, list
   * elements joined by commas).
   */
  public Optional<String> attributeText(String name) {
    return attribute(name).map(ScheduledDevice::text);
  }

  static String text(AttributeValue v) {
    if (v instanceof AttributeValue.ListValue<?> l) {
      return l.values().stream().map(String::valueOf).collect(Collectors.joining(","));
    }
    if (v instanceof AttributeValue.IntValue i) {
      return Long.toString(i.value());
    }
    if (v instanceof AttributeValue.BoolValue b) {
      return Boolean.toString(b.value());
    }
    if (v instanceof AttributeValue.StringValue s) {
      return s.value();
    }
    return ((AttributeValue.VersionValue) v).value();
  }

  @Override
  public String toString() {
    return request + " -> " + driver + "/" + pool + "/" + device;
  }
}
