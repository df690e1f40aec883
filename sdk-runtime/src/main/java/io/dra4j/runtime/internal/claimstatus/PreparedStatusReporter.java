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
package io.dra4j.runtime.internal.claimstatus;

import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PreparedDevice;
import io.dra4j.api.status.ClaimStatusException;
import io.kubernetes.client.openapi.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prepare and unprepare hook for {@code status.devices}: after a successful prepare it writes
 * what the provider reported for each device, and on unprepare it removes all of this driver's
 * entries. A failure to write is logged with the claim's UID and retried a few times when the API
 * server may recover (no answer, 429, 5xx), but it never fails the prepare or unprepare: the
 * devices are ready for the container either way, and a kubelet retry would not make the status
 * writable. Without a connection ({@link #none()}) it does nothing.
 */
public final class PreparedStatusReporter {
  private static final Logger LOG = LoggerFactory.getLogger(PreparedStatusReporter.class);
  private static final PreparedStatusReporter NONE =
      new PreparedStatusReporter(Optional.empty(), 1);

  /** The attempts of one write when the API server may recover. */
  public static final int ATTEMPTS = 3;

  private static final long BACKOFF_MS = 100;

  private final Optional<ClaimStatusPatcher> patcher;
  private final int attempts;
  private final AtomicLong failures = new AtomicLong();
  // Claims prepared by this process (by uid): unprepare knows whether their status was written.
  private final Set<String> preparedHere = ConcurrentHashMap.newKeySet();

  private PreparedStatusReporter(Optional<ClaimStatusPatcher> patcher, int attempts) {
    this.patcher = patcher;
    this.attempts = attempts;
  }

  /** Writes through {@code patcher}. */
  public static PreparedStatusReporter of(ClaimStatusPatcher patcher) {
    return new PreparedStatusReporter(Optional.of(patcher), ATTEMPTS);
  }

  /** Writes nothing. */
  public static PreparedStatusReporter none() {
    return NONE;
  }

  /** Writes that were given up (logged). */
  public long failures() {
    return failures.get();
  }

  /** Writes the reported status of each prepared device; nothing when none reports any. */
  public void prepared(ClaimRef claim, Preparation preparation) {
    if (patcher.isEmpty()) {
      return;
    }
    preparedHere.add(claim.uid());
    String driver = patcher.get().driver();
    List<AllocatedDevice> devices = new ArrayList<>();
    List<DeviceEntries.Change> changes = new ArrayList<>();
    for (PreparedDevice p : preparation.devices()) {
      if (!p.status().isEmpty()) {
        devices.add(p.device());
        changes.add(DeviceEntries.merge(driver, p.device(), p.status()));
      }
    }
    if (changes.isEmpty()) {
      return;
    }
    write(claim, devices, all(changes), "write the status of " + devices.size() + " device(s)");
  }

  /**
   * Removes this driver's entries from the claim's status. A claim this process prepared and never
   * wrote status to costs no API call; a claim prepared before a restart is read once, since its
   * entries are not recorded in the checkpoint.
   */
  public void unprepared(ClaimRef claim) {
    if (patcher.isEmpty()) {
      return;
    }
    ClaimStatusPatcher p = patcher.get();
    boolean ours = preparedHere.remove(claim.uid());
    if (ours && !p.wrote(claim.uid())) {
      return;
    }
    write(claim, List.of(), DeviceEntries.clear(p.driver()), "remove its entries");
    p.forget(claim.uid());
  }

  private static DeviceEntries.Change all(List<DeviceEntries.Change> changes) {
    return (devices, now) -> {
      var out = devices;
      for (DeviceEntries.Change c : changes) {
        out = c.apply(out, now);
      }
      return out;
    };
  }

  private void write(
      ClaimRef claim, List<AllocatedDevice> devices, DeviceEntries.Change change, String what) {
    ClaimStatusPatcher p = patcher.orElseThrow();
    for (int attempt = 1; ; attempt++) {
      try {
        p.apply(claim, devices, change);
        return;
      } catch (ClaimStatusException e) {
        // The claim is gone, replaced or no longer allocated: nothing left to report.
        LOG.info(
            "driver {} does not {} in claim uid {}: {}",
            p.driver(),
            what,
            claim.uid(),
            e.getMessage());
        return;
      } catch (ApiException e) {
        boolean mayRecover = e.getCode() == 0 || e.getCode() == 429 || e.getCode() >= 500;
        if (!mayRecover || attempt >= attempts) {
          failures.incrementAndGet();
          LOG.warn(
              "driver {} could not {} in claim uid {} after {} attempt(s); the claim stays"
                  + " prepared: {}",
              p.driver(),
              what,
              claim.uid(),
              attempt,
              p.describe(claim, e));
          return;
        }
        LOG.debug(
            "claim uid {}: status write attempt {} failed: {}", claim.uid(), attempt, e.getCode());
        if (!pause(attempt)) {
          return;
        }
      }
    }
  }

  /** Waits before the next attempt; false when interrupted (the runtime is stopping). */
  private static boolean pause(int attempt) {
    try {
      Thread.sleep(BACKOFF_MS << (attempt - 1));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return "PreparedStatusReporter[" + patcher.map(ClaimStatusPatcher::driver).orElse("none") + "]";
  }
}
