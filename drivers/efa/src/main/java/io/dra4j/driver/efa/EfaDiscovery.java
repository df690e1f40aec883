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
import io.dra4j.api.sysfs.Sysfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds EFA adapters: every {@code /sys/class/infiniband/*} device whose PCI function has vendor
 * 0x1d0f, an EFA device id (0xefa0 to 0xefa3) and is bound to the {@code efa} kernel driver.
 */
final class EfaDiscovery {
  static final long AMAZON_VENDOR = 0x1d0f;
  static final Set<Long> EFA_DEVICE_IDS = Set.of(0xefa0L, 0xefa1L, 0xefa2L, 0xefa3L);
  private static final Pattern BDF = Pattern.compile("[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\\.[0-7]");
  private static final Pattern PCI_ROOT = Pattern.compile("pci[0-9a-f]{4}:[0-9a-f]{2}");
  private static final Pattern RATE = Pattern.compile("(\\d+)(?:\\.\\d+)?\\s*Gb/sec.*");

  /**
   * What discovery found.
   *
   * @param adapters the EFA adapters, ordered by PCI address
   * @param problems one line per thing that could not be read, naming the path
   */
  record Result(List<EfaAdapter> adapters, List<String> problems) {}

  private final HostPaths paths;

  EfaDiscovery(HostPaths paths) {
    this.paths = paths;
  }

  Result discover() {
    List<String> problems = new ArrayList<>();
    Map<String, String> uverbsByRdma = new HashMap<>();
    for (Path verbs : Sysfs.list(paths.sys().resolve("class/infiniband_verbs"))) {
      Sysfs.read(verbs.resolve("ibdev"))
          .ifPresent(ib -> uverbsByRdma.put(ib, verbs.getFileName().toString()));
    }
    List<EfaAdapter> adapters = new ArrayList<>();
    for (Path rdma : Sysfs.list(paths.sys().resolve("class/infiniband"))) {
      adapter(rdma, uverbsByRdma, problems).ifPresent(adapters::add);
    }
    adapters.sort(Comparator.comparing(EfaAdapter::pciAddress));
    return new Result(adapters, problems);
  }

  private Optional<EfaAdapter> adapter(
      Path rdma, Map<String, String> uverbsByRdma, List<String> problems) {
    String name = rdma.getFileName().toString();
    Optional<Path> pci = Sysfs.realPath(rdma.resolve("device"));
    if (pci.isEmpty()) {
      problems.add(
          rdma.resolve("device") + " does not resolve to a PCI function: " + name + " is skipped");
      return Optional.empty();
    }
    String bdf = pci.get().getFileName().toString().toLowerCase(Locale.ROOT);
    OptionalLong vendor = Sysfs.readLong(pci.get().resolve("vendor"));
    OptionalLong device = Sysfs.readLong(pci.get().resolve("device"));
    if (!BDF.matcher(bdf).matches()
        || vendor.isEmpty()
        || vendor.getAsLong() != AMAZON_VENDOR
        || device.isEmpty()
        || !EFA_DEVICE_IDS.contains(device.getAsLong())) {
      return Optional.empty();
    }
    Optional<String> driver = Sysfs.linkTargetName(pci.get().resolve("driver"));
    if (!driver.equals(Optional.of("efa"))) {
      problems.add(
          "EFA function "
              + bdf
              + " is bound to "
              + driver.orElse("no driver")
              + " instead of efa: it is skipped");
      return Optional.empty();
    }
    Optional<String> uverbs = Optional.ofNullable(uverbsByRdma.get(name));
    if (uverbs.isEmpty()) {
      problems.add(
          "no "
              + paths.sys().resolve("class/infiniband_verbs")
              + "/uverbs*/ibdev names "
              + name
              + ": "
              + bdf
              + " is published but claims for it cannot be prepared (is ib_uverbs loaded?)");
    } else if (!Files.exists(paths.dev().resolve("infiniband/" + uverbs.get()))) {
      problems.add(
          paths.dev().resolve("infiniband/" + uverbs.get())
              + " is missing: containers cannot open "
              + bdf);
    }
    OptionalLong numa = Sysfs.readLong(pci.get().resolve("numa_node"));
    OptionalInt numaNode =
        numa.isPresent() && numa.getAsLong() >= 0
            ? OptionalInt.of((int) numa.getAsLong())
            : OptionalInt.empty();
    Optional<String> root = Optional.empty();
    for (Path part : pci.get()) {
      if (PCI_ROOT.matcher(part.toString()).matches()) {
        root = Optional.of(part.toString());
        break;
      }
    }
    if (root.isEmpty()) {
      problems.add("the sysfs path of " + bdf + " has no pciDDDD:BB root: pcieRoot is omitted");
    }
    OptionalInt speed = OptionalInt.empty();
    Optional<String> rate = Sysfs.read(rdma.resolve("ports/1/rate"));
    if (rate.isPresent()) {
      Matcher m = RATE.matcher(rate.get());
      if (m.matches()) {
        speed = OptionalInt.of(Integer.parseInt(m.group(1)));
      }
    }
    if (speed.isEmpty()) {
      problems.add(rdma.resolve("ports/1/rate") + " is unreadable: linkSpeedGbps is omitted");
    }
    OptionalLong subsystem = Sysfs.readLong(pci.get().resolve("subsystem_device"));
    return Optional.of(
        new EfaAdapter(
            bdf, name, rdma, uverbs, numaNode, root, speed, device.getAsLong(), subsystem));
  }

  /** The state word of a port state file ({@code ACTIVE} for {@code 4: ACTIVE}). */
  static Optional<String> portState(Path stateFile) {
    return Sysfs.read(stateFile)
        .map(s -> s.indexOf(':') >= 0 ? s.substring(s.indexOf(':') + 1).trim() : s)
        .filter(s -> !s.isEmpty());
  }
}
