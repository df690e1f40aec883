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
package io.dra4j.testkit.cdi;

import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.DeviceNode;
import io.dra4j.api.prepare.Hook;
import io.dra4j.api.prepare.Mount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A snapshot of the CDI devices a container runtime would see in a list of spec directories.
 *
 * <p>Reads {@code *.json} and {@code *.yaml} files, non-recursively. A later directory in the list
 * has higher priority and silently overrides a device of an earlier one; the same device defined
 * twice at the same priority is a conflict and neither definition can be injected. An invalid file
 * is skipped with its error recorded; the other files still work. Create a new snapshot with {@link
 * #scan} to see changes on disk.
 */
public final class CdiRegistry {

  private record Entry(
      CdiSpecParser.Spec spec, String name, ContainerEdits edits, int priority, Path file) {}

  private final Map<String, Entry> devices;
  private final List<CdiSpecError> errors;

  private CdiRegistry(Map<String, Entry> devices, List<CdiSpecError> errors) {
    this.devices = devices;
    this.errors = List.copyOf(errors);
  }

  /** Scans the spec directories; missing directories are treated as empty. */
  public static CdiRegistry scan(List<Path> dirs) {
    Map<String, Entry> devices = new TreeMap<>();
    Map<String, List<Path>> conflicts = new TreeMap<>();
    List<CdiSpecError> errors = new ArrayList<>();
    for (int priority = 0; priority < dirs.size(); priority++) {
      for (Path file : specFiles(dirs.get(priority), errors)) {
        CdiSpecParser.Spec spec;
        try {
          spec = CdiSpecParser.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
          errors.add(new CdiSpecError(file, "invalid CDI spec: " + e.getMessage()));
          continue;
        }
        for (Map.Entry<String, ContainerEdits> device : spec.devices().entrySet()) {
          String id = spec.kind() + "=" + device.getKey();
          Entry entry = new Entry(spec, device.getKey(), device.getValue(), priority, file);
          Entry old = devices.get(id);
          if (old == null || old.priority < priority) {
            devices.put(id, entry);
          } else if (old.priority == priority) {
            conflicts.computeIfAbsent(id, k -> new ArrayList<>(List.of(old.file))).add(file);
          }
        }
      }
    }
    conflicts.forEach(
        (id, files) -> {
          devices.remove(id);
          errors.add(
              new CdiSpecError(
                  files.get(files.size() - 1),
                  "conflicting device \""
                      + id
                      + "\" is also defined in "
                      + files.subList(0, files.size() - 1)
                      + " in the same directory; neither definition can be injected. Give each"
                      + " device a unique name, for example with the claim UID"));
        });
    return new CdiRegistry(devices, errors);
  }

  private static List<Path> specFiles(Path dir, List<CdiSpecError> errors) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".json") || name.endsWith(".yaml");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      errors.add(new CdiSpecError(dir, "cannot list the CDI directory: " + e));
      return List.of();
    }
  }

  /** Qualified names ({@code vendor/class=name}) of every injectable device. */
  public Set<String> deviceIds() {
    return Collections.unmodifiableSet(devices.keySet());
  }

  /** Spec files that were skipped and devices that were dropped, with the reason. */
  public List<CdiSpecError> errors() {
    return errors;
  }

  /**
   * Injects the devices into an empty container, like a runtime does at container creation: the
   * spec-level edits of each spec once, right before its first device, then each device's edits.
   *
   * @throws CdiInjectionException when a device is not defined by any valid spec
   */
  public ContainerView inject(List<String> cdiDeviceIds) throws CdiInjectionException {
    List<String> unresolved = new ArrayList<>();
    for (String id : new LinkedHashSet<>(cdiDeviceIds)) {
      if (!devices.containsKey(id)) {
        unresolved.add(id);
      }
    }
    if (!unresolved.isEmpty()) {
      throw new CdiInjectionException(unresolved, errors);
    }
    Map<String, String> env = new LinkedHashMap<>();
    List<DeviceNode> nodes = new ArrayList<>();
    List<Mount> mounts = new ArrayList<>();
    List<Hook> hooks = new ArrayList<>();
    Set<CdiSpecParser.Spec> specsApplied = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<String> seen = new HashSet<>();
    List<String> injected = new ArrayList<>();
    for (String id : cdiDeviceIds) {
      if (!seen.add(id)) {
        continue;
      }
      injected.add(id);
      Entry entry = devices.get(id);
      List<ContainerEdits> toApply = new ArrayList<>();
      if (specsApplied.add(entry.spec)) {
        toApply.add(entry.spec.specEdits());
      }
      toApply.add(entry.edits);
      for (ContainerEdits edits : toApply) {
        env.putAll(edits.env());
        nodes.addAll(edits.deviceNodes());
        mounts.addAll(edits.mounts());
        hooks.addAll(edits.hooks());
      }
    }
    return new ContainerView(injected, env, nodes, mounts, hooks);
  }
}
