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
package io.dra4j.bench.allocator;

import io.dra4j.driver.aws.DeviceGroups;
import io.dra4j.driver.aws.InstanceType;
import io.dra4j.driver.aws.NeuronEfaMap;
import io.dra4j.testkit.allocator.DraObjects;
import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.ArrayList;
import java.util.List;

/**
 * The DRA view of simulated trn2.48xlarge nodes for the allocator benchmark: per node 16 Neuron
 * devices ({@code neuron.aws.com}) and 16 EFA devices ({@code dra.net}, named as DRANET names them)
 * carrying the {@code resource.aws.com/devicegroup{1,4,8,16}_id} attributes, plus the two device
 * classes. The Neuron-to-EFA pairing and the group ids come from the drivers' own table ({@link
 * NeuronEfaMap}, {@link DeviceGroups}), so the benchmark allocates what the drivers publish.
 */
final class Trn2Slices {
  /** The Neuron driver and device class name. */
  static final String NEURON = "neuron.aws.com";

  /** The EFA (DRANET) driver name. */
  static final String EFA_DRIVER = "dra.net";

  /** The EFA device class name. */
  static final String EFA_CLASS = "efa.networking.k8s.aws";

  private static final InstanceType TRN2 = new InstanceType("trn2.48xlarge");
  private static final NeuronEfaMap PAIRING =
      NeuronEfaMap.forInstanceType(TRN2).orElseThrow(() -> missing("Neuron-to-EFA map"));
  private static final DeviceGroups GROUPS =
      DeviceGroups.forInstanceType(TRN2).orElseThrow(() -> missing("device groups"));

  private Trn2Slices() {}

  /** {@code devicegroup<size>_id} of Neuron device {@code neuronId}. */
  static String groupId(int size, int neuronId) {
    DeviceGroups.GroupIds ids = GROUPS.ofNeuron(neuronId).orElseThrow();
    return ids.attributes().get(DeviceGroups.attributeName(size));
  }

  /** The Neuron and the EFA slice of one node. */
  static List<V1ResourceSlice> slices(String node) {
    DraObjects.SliceBuilder neuron =
        DraObjects.slice(node + "-neuron.aws.com-a1b2c", NEURON, node).nodeName(node);
    DraObjects.SliceBuilder efa =
        DraObjects.slice(node + "-dra.net-d3e4f", EFA_DRIVER, node).nodeName(node);
    for (int i = 0; i < PAIRING.neuronDevices(); i++) {
      String address = PAIRING.efaOf(i).orElseThrow();
      DraObjects.DeviceBuilder n =
          DraObjects.device("neurondevice" + i)
              .attr("deviceId", i)
              .attr("instanceType", TRN2.name())
              .attr("resourceType", "neuron_device")
              .attr("topology_x", i / 4)
              .attr("topology_y", i % 4);
      DraObjects.DeviceBuilder e =
          DraObjects.device("pci-" + address.replace(':', '-').replace('.', '-'))
              .attr("pciAddress", address)
              .attr("pciDevice", "Elastic Fabric Adapter (EFA)")
              .attr("pciVendor", "Amazon.com, Inc.")
              .attr("rdma", true);
      GROUPS
          .ofNeuron(i)
          .orElseThrow()
          .attributes()
          .forEach(
              (name, value) -> {
                n.attr(name, value);
                e.attr(name, value);
              });
      neuron.devices(n);
      efa.devices(e);
    }
    return List.of(neuron.build(), efa.build());
  }

  /** Slices of {@code count} nodes named {@code <prefix>0..}. */
  static List<V1ResourceSlice> slices(String prefix, int count) {
    List<V1ResourceSlice> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.addAll(slices(prefix + i));
    }
    return out;
  }

  /** The Neuron and EFA device classes, with the selectors the published drivers install. */
  static List<V1DeviceClass> deviceClasses() {
    return List.of(
        DraObjects.deviceClass(NEURON, "device.driver == \"neuron.aws.com\""),
        DraObjects.deviceClass(
            EFA_CLASS,
            "device.driver == \"dra.net\" && "
                + "device.attributes[\"dra.net\"].pciDevice == 'Elastic Fabric Adapter (EFA)'"));
  }

  /** The aligned claim: {@code neurons} Neuron and {@code efas} EFA devices in one group4. */
  static ResourceV1ResourceClaim alignedClaim(
      String namespace, String name, int neurons, int efas) {
    return DraObjects.claim(namespace, name)
        .request(
            DraObjects.request("neuron", NEURON, neurons),
            DraObjects.request("efa", EFA_CLASS, efas))
        .matchAttribute(DeviceGroups.attributeName(4), "neuron", "efa")
        .build();
  }

  private static IllegalStateException missing(String what) {
    return new IllegalStateException(
        "the AWS topology has no " + what + " for " + TRN2 + ": the benchmark needs one");
  }
}
