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

import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.Limits;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.TaintEffect;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device taints as the API server's release can store them. Kubernetes 1.34 (device taints alpha,
 * behind DRADeviceTaints) refuses a slice with a taint of effect {@code None} or with more than
 * {@value Limits#MAX_TAINTS_PER_DEVICE_1_34} taints on a device, which leaves the whole pool
 * unusable. For such a server, {@code None} taints (informational: they keep no pod away) are left
 * out and the {@value Limits#MAX_TAINTS_PER_DEVICE_1_34} taints with the strongest effect are kept
 * ({@code NoExecute} before {@code NoSchedule}, otherwise in the driver's order). A warning names
 * each device the first time its taints are cut. Other releases get the taints unchanged.
 */
final class TaintsForServer {
  // Under the publisher's name: one logger setting covers every part of it.
  private static final Logger LOG = LoggerFactory.getLogger(SlicePublisher.class);
  private static final Comparator<DeviceTaint> STRONGEST_FIRST =
      Comparator.comparingInt(t -> t.effect() == TaintEffect.NO_EXECUTE ? 0 : 1);

  private final String who;
  private final Set<String> warned = new HashSet<>();

  TaintsForServer(String who) {
    this.who = who;
  }

  /** {@code pool} with each device's taints as a server of {@code version} stores them. */
  Pool adapt(Pool pool, ServerVersion version) {
    if (!version.taintsAsIn134() || pool.devices().stream().noneMatch(TaintsForServer::cut)) {
      return pool;
    }
    List<Device> devices = new ArrayList<>(pool.devices().size());
    for (Device d : pool.devices()) {
      devices.add(cut(d) ? adapt(pool, d, version) : d);
    }
    return new Pool(pool.name(), pool.scope(), devices, pool.sharedCounters());
  }

  private Device adapt(Pool pool, Device d, ServerVersion version) {
    List<DeviceTaint> kept =
        d.taints().stream()
            .filter(t -> t.effect() != TaintEffect.NONE)
            .sorted(STRONGEST_FIRST)
            .limit(Limits.MAX_TAINTS_PER_DEVICE_1_34)
            .toList();
    if (warned.add(pool.name() + "/" + d.name())) {
      LOG.warn(
          "{}: device {} of pool {} has {} taints ({} with effect None); the API server runs"
              + " Kubernetes {}, which stores at most {} per device and no effect None, so {} are"
              + " published: {}",
          who,
          d.name(),
          pool.name(),
          d.taints().size(),
          d.taints().stream().filter(t -> t.effect() == TaintEffect.NONE).count(),
          version,
          Limits.MAX_TAINTS_PER_DEVICE_1_34,
          kept.size(),
          kept.stream().map(t -> t.key() + ":" + t.effect().apiName()).toList());
    }
    Device.Builder b = d.toBuilder().clearTaints();
    kept.forEach(b::taint);
    return b.build();
  }

  private static boolean cut(Device d) {
    return d.taints().size() > Limits.MAX_TAINTS_PER_DEVICE_1_34
        || d.taints().stream().anyMatch(t -> t.effect() == TaintEffect.NONE);
  }
}
