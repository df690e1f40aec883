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
package io.dra4j.driver.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The static Neuron-device-id to EFA PCI address maps, one per instance family, as published by AWS
 * in {@code aws-neuron/connected-device-maps-over-efa-for-neuron} ({@code lookup/neuron}). The
 * kernel driver hard-codes the Neuron topology per instance type, so these maps are data, not
 * probes. Index {@code i} of each list is Neuron device {@code i}.
 */
public enum NeuronEfaMap {
  /** trn1.32xlarge: 8 adapters, two Neuron devices per adapter. */
  TRN1(
      List.of(
          "0000:10:1a.0",
          "0000:10:1a.0",
          "0000:a0:1a.0",
          "0000:a0:1a.0",
          "0000:20:19.0",
          "0000:20:19.0",
          "0000:90:19.0",
          "0000:90:19.0",
          "0000:20:1a.0",
          "0000:20:1a.0",
          "0000:90:1a.0",
          "0000:90:1a.0",
          "0000:10:19.0",
          "0000:10:19.0",
          "0000:a0:19.0",
          "0000:a0:19.0")),
  /** trn1n.32xlarge: 16 adapters, one per Neuron device. */
  TRN1N(
      List.of(
          "0000:10:17.0",
          "0000:10:1a.0",
          "0000:a0:17.0",
          "0000:a0:1a.0",
          "0000:20:19.0",
          "0000:20:18.0",
          "0000:90:19.0",
          "0000:90:18.0",
          "0000:20:17.0",
          "0000:20:1a.0",
          "0000:90:17.0",
          "0000:90:1a.0",
          "0000:10:19.0",
          "0000:10:18.0",
          "0000:a0:19.0",
          "0000:a0:18.0")),
  /** trn2, trn2e and trn2u .48xlarge: 16 adapters, one per Neuron device. */
  TRN2(
      List.of(
          "0000:c9:00.0",
          "0000:b4:00.0",
          "0000:b3:00.0",
          "0000:ca:00.0",
          "0000:6c:00.0",
          "0000:57:00.0",
          "0000:56:00.0",
          "0000:6d:00.0",
          "0000:98:00.0",
          "0000:83:00.0",
          "0000:82:00.0",
          "0000:99:00.0",
          "0000:f5:00.0",
          "0000:e0:00.0",
          "0000:df:00.0",
          "0000:f6:00.0")),
  /** trn3, trn3p, trn3pd98 and trn3s .48xlarge. */
  TRN3(
      List.of(
          "0000:be:00.0",
          "0000:a9:00.0",
          "0000:a8:00.0",
          "0000:bf:00.0",
          "0000:61:00.0",
          "0000:4c:00.0",
          "0000:4b:00.0",
          "0000:62:00.0",
          "0000:8d:00.0",
          "0000:78:00.0",
          "0000:77:00.0",
          "0000:8e:00.0",
          "0000:ea:00.0",
          "0000:d5:00.0",
          "0000:d4:00.0",
          "0000:eb:00.0")),
  /** trn3-dev0 and trn3-dev1 .48xlarge. */
  TRN3PDS(
      List.of(
          "0000:a9:00.0",
          "0000:a8:00.0",
          "0000:bf:00.0",
          "0000:be:00.0",
          "0000:d5:00.0",
          "0000:d4:00.0",
          "0000:eb:00.0",
          "0000:ea:00.0",
          "0000:4c:00.0",
          "0000:4b:00.0",
          "0000:62:00.0",
          "0000:61:00.0",
          "0000:78:00.0",
          "0000:77:00.0",
          "0000:8e:00.0",
          "0000:8d:00.0"));

  private static final Map<String, NeuronEfaMap> BY_FAMILY =
      Map.ofEntries(
          Map.entry("trn1", TRN1),
          Map.entry("trn1n", TRN1N),
          Map.entry("trn2", TRN2),
          Map.entry("trn2e", TRN2),
          Map.entry("trn2u", TRN2),
          Map.entry("trn3", TRN3),
          Map.entry("trn3p", TRN3),
          Map.entry("trn3pd98", TRN3),
          Map.entry("trn3s", TRN3),
          Map.entry("trn3-dev0", TRN3PDS),
          Map.entry("trn3-dev1", TRN3PDS));

  private final List<String> efaByNeuronId;

  NeuronEfaMap(List<String> efaByNeuronId) {
    this.efaByNeuronId = efaByNeuronId;
  }

  /**
   * The map for an instance type, empty when the type is not in {@link InstanceType#EFA_ENABLED}
   * (for example trn1.2xlarge, trn2.3xlarge, trn2n or any Inferentia type).
   */
  public static Optional<NeuronEfaMap> forInstanceType(InstanceType type) {
    if (!type.isEfaEnabled()) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_FAMILY.get(type.family()));
  }

  /** How many Neuron devices the map covers. */
  public int neuronDevices() {
    return efaByNeuronId.size();
  }

  /** The EFA PCI address paired with a Neuron device, empty for an id outside the map. */
  public Optional<String> efaOf(int neuronId) {
    return neuronId >= 0 && neuronId < efaByNeuronId.size()
        ? Optional.of(efaByNeuronId.get(neuronId))
        : Optional.empty();
  }

  /** The Neuron device ids paired with an EFA PCI address (two on trn1), ascending. */
  public List<Integer> neuronIdsOf(String efaPciAddress) {
    String wanted = efaPciAddress.toLowerCase(Locale.ROOT);
    List<Integer> ids = new ArrayList<>();
    for (int i = 0; i < efaByNeuronId.size(); i++) {
      if (efaByNeuronId.get(i).equals(wanted)) {
        ids.add(i);
      }
    }
    return Collections.unmodifiableList(ids);
  }

  /** Every EFA address of the map, with the Neuron ids paired to it. */
  public Map<String, List<Integer>> adapters() {
    Map<String, List<Integer>> out = new TreeMap<>();
    for (String bdf : efaByNeuronId) {
      out.computeIfAbsent(bdf, this::neuronIdsOf);
    }
    return Collections.unmodifiableMap(out);
  }
}
