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
package io.dra4j.driver.neuron;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Formats {@code NEURON_RT_VISIBLE_CORES}: the logical NeuronCore ids of the allocated devices.
 * Device N owns logical cores {@code N*k .. N*k+k-1}, where k is its logical core count at the
 * configured LNC. A contiguous set is written as an inclusive range ({@code 0-7}), any other set as
 * a comma list of ids ({@code 0,1,4,5}); both forms are what the Neuron runtime documents.
 */
final class VisibleCores {
  private VisibleCores() {}

  static String of(SortedSet<Integer> deviceIds, int logicalCoresPerDevice) {
    if (deviceIds.isEmpty() || logicalCoresPerDevice <= 0) {
      throw new IllegalArgumentException(
          "visible cores need at least one device and a positive core count");
    }
    TreeSet<Integer> cores = new TreeSet<>();
    for (int id : deviceIds) {
      for (int c = 0; c < logicalCoresPerDevice; c++) {
        cores.add(id * logicalCoresPerDevice + c);
      }
    }
    int first = cores.first();
    int last = cores.last();
    if (last - first + 1 == cores.size()) {
      return first == last ? Integer.toString(first) : first + "-" + last;
    }
    List<String> ids = new ArrayList<>();
    cores.forEach(c -> ids.add(Integer.toString(c)));
    return String.join(",", ids);
  }
}
