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

import io.dra4j.api.device.CounterSet;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import java.util.List;

/**
 * One ResourceSlice of a pool as the layout plans it: its deterministic name, its position in the
 * pool, its devices and its counter sets (both only in the {@link CounterLayout#WITH_DEVICES}
 * layout).
 *
 * @param name the slice name (see {@link SliceLayout} for the scheme)
 * @param index position in the pool, from 0
 * @param pool the pool it belongs to
 * @param devices the devices, ordered by name
 * @param counterSets the shared counter sets, ordered by name
 */
public record PlannedSlice(
    String name, int index, Pool pool, List<Device> devices, List<CounterSet> counterSets) {
  public PlannedSlice {
    devices = List.copyOf(devices);
    counterSets = List.copyOf(counterSets);
  }
}
