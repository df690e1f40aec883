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
package io.dra4j.runtime.internal.metadata;

import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.runtime.internal.slices.ResourcePublisher;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The devices the driver last published, by pool and name: where metadata files take their
 * attributes from. Thread-safe; the latest {@link Resources} wins.
 */
public final class PublishedDevices {
  private volatile Map<String, Device> byKey = Map.of();

  /** Records {@code resources} as the latest published state. */
  public void record(Resources resources) {
    Map<String, Device> next = new HashMap<>();
    for (Pool pool : resources.pools()) {
      for (Device d : pool.devices()) {
        next.put(key(pool.name(), d.name()), d);
      }
    }
    byKey = Map.copyOf(next);
  }

  /** The published device {@code device} of pool {@code pool}, if the driver published it. */
  public Optional<Device> find(String pool, String device) {
    return Optional.ofNullable(byKey.get(key(pool, device)));
  }

  /** A publisher that records what passes through it, then hands it on to {@code delegate}. */
  public ResourcePublisher recording(ResourcePublisher delegate) {
    Objects.requireNonNull(delegate, "delegate");
    return new ResourcePublisher() {
      @Override
      public void publish(Resources resources) {
        record(resources);
        delegate.publish(resources);
      }

      @Override
      public void close() {
        delegate.close();
      }
    };
  }

  private static String key(String pool, String device) {
    return pool + "\n" + device;
  }
}
