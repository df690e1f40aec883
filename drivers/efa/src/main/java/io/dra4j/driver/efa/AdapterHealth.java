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
package io.dra4j.driver.efa;

import io.dra4j.api.HostPaths;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.TaintEffect;
import io.dra4j.api.sysfs.Sysfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the health signals of an EFA adapter beyond its port state, each of which becomes its own
 * {@code NoSchedule} taint: the physical link ({@code ports/1/phys_state} not {@code LinkUp}), the
 * verbs device node (missing from {@code /dev/infiniband}), and admin commands the adapter never
 * completed ({@code hw_counters/no_completion_cmds} grown since the driver started).
 */
final class AdapterHealth {
  /** Taint key: {@code ports/1/phys_state} is not {@code LinkUp}; the value is the state. */
  static final String LINK_DOWN = EfaDeviceProvider.DRIVER + "/link-down";

  /** Taint key: the adapter's verbs device node is missing; the value is its name or none. */
  static final String VERBS_MISSING = EfaDeviceProvider.DRIVER + "/verbs-missing";

  /**
   * Taint key: the adapter left admin commands without completion since the driver started; the
   * value is how many.
   */
  static final String ADMIN_TIMEOUTS = EfaDeviceProvider.DRIVER + "/admin-cmd-timeouts";

  private static final String LINK_UP = "LinkUp";
  private static final String NO_COMPLETION = "no_completion_cmds";

  /**
   * One thing wrong with an adapter.
   *
   * @param taintKey the taint key
   * @param value the taint value, a label value
   * @param message what a person reads: the adapter, what is wrong and where it was read
   */
  record Problem(String taintKey, String value, String message) {
    DeviceTaint taint() {
      return DeviceTaint.of(taintKey, value, TaintEffect.NO_SCHEDULE);
    }
  }

  private final HostPaths paths;

  /** Device name to the no_completion_cmds value the adapter is measured against. */
  private final Map<String, Long> baselines = new ConcurrentHashMap<>();

  AdapterHealth(HostPaths paths, Collection<EfaAdapter> adapters) {
    this.paths = paths;
    for (EfaAdapter a : adapters) {
      noCompletionCmds(a).ifPresent(n -> baselines.put(a.deviceName(), n));
    }
  }

  /** What is wrong with the adapter now, in taint-key order; empty when nothing is. */
  List<Problem> problems(EfaAdapter a) {
    List<Problem> out = new ArrayList<>();
    String what = "EFA adapter " + a.pciAddress() + " (" + a.rdmaDevice() + ")";
    noCompletionCmds(a)
        .ifPresent(
            now -> {
              long base = baselines.getOrDefault(a.deviceName(), 0L);
              if (now < base) {
                // The counter restarted (the efa module was reloaded): measure from here.
                baselines.put(a.deviceName(), now);
              } else if (now > base) {
                out.add(
                    new Problem(
                        ADMIN_TIMEOUTS,
                        Long.toString(now - base),
                        what
                            + " left "
                            + (now - base)
                            + " admin commands without completion since the driver started ("
                            + NO_COMPLETION
                            + " "
                            + base
                            + " -> "
                            + now
                            + "): the device is not responding; replace the instance or reset"
                            + " the adapter"));
              }
            });
    Optional<String> phys = EfaDiscovery.portState(a.physStateFile());
    if (phys.isPresent() && !phys.get().equals(LINK_UP)) {
      out.add(
          new Problem(
              LINK_DOWN,
              labelValue(phys.get()),
              what + " physical link of port 1 is " + phys.get() + ", not " + LINK_UP));
    }
    Optional<Path> node = a.uverbs().map(u -> paths.dev().resolve("infiniband/" + u));
    if (node.isEmpty() || !Files.exists(node.get())) {
      out.add(
          new Problem(
              VERBS_MISSING,
              a.uverbs().orElse("none"),
              what
                  + " has no verbs device node "
                  + node.map(Path::toString).orElse("(no uverbs device names it)")
                  + ": claims for it cannot be prepared; load ib_uverbs"));
    }
    return out;
  }

  private static Optional<Long> noCompletionCmds(EfaAdapter a) {
    OptionalLong n = Sysfs.readLong(a.rdmaDir().resolve("hw_counters/" + NO_COMPLETION));
    if (n.isEmpty()) {
      // Kernels before the device/port split of the counters keep them under the port.
      n = Sysfs.readLong(a.rdmaDir().resolve("ports/1/hw_counters/" + NO_COMPLETION));
    }
    return n.isPresent() ? Optional.of(n.getAsLong()) : Optional.empty();
  }

  /** A state word as a taint value: letters, digits, {@code _ . -} only. */
  static String labelValue(String state) {
    String v = state.replaceAll("[^A-Za-z0-9_.-]", "_");
    return v.length() > 63 ? v.substring(0, 63) : v;
  }
}
