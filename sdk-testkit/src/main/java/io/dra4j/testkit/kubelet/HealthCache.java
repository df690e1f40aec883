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
package io.dra4j.testkit.kubelet;

import io.dra4j.api.health.HealthStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Device health as the kubelet keeps it: the time of the last report is the kubelet's receive time
 * (the driver's timestamp is ignored), and a device not re-reported within its timeout is Unknown.
 */
final class HealthCache {
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** One device in a NodeWatchResources message, independent of the service version. */
  record Report(
      String pool, String device, HealthStatus status, long timeoutSeconds, String message) {}

  private record Key(String driver, String pool, String device) {}

  private record Entry(HealthStatus status, Instant lastUpdated, Duration timeout) {}

  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

  void update(String driver, List<Report> reports, Instant receivedAt) {
    for (Report r : reports) {
      Duration timeout =
          r.timeoutSeconds() <= 0 ? DEFAULT_TIMEOUT : Duration.ofSeconds(r.timeoutSeconds());
      entries.put(
          new Key(driver, r.pool(), r.device()), new Entry(r.status(), receivedAt, timeout));
    }
  }

  void clear(String driver) {
    entries.keySet().removeIf(k -> k.driver().equals(driver));
  }

  HealthStatus status(String driver, String pool, String device, Instant now) {
    Entry entry = entries.get(new Key(driver, pool, device));
    if (entry == null || now.isAfter(entry.lastUpdated().plus(entry.timeout()))) {
      return HealthStatus.UNKNOWN;
    }
    return entry.status();
  }
}
