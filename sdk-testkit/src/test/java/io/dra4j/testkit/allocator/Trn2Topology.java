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
package io.dra4j.testkit.allocator;

import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The DRA view of a trn2.48xlarge node: 16 Neuron devices ({@code neuron.aws.com}) and 16 EFA
 * devices ({@code dra.net}) with the shared {@code resource.aws.com/devicegroup{1,4,8,16}_id}
 * attributes that make {@code matchAttribute} pick aligned Neuron/EFA sets, plus the two device
 * classes of the published drivers.
 */
final class Trn2Topology {
  /** The Neuron driver and device class name. */
  public static final String NEURON = "neuron.aws.com";

  /** The EFA (DRANET) driver name. */
  public static final String EFA_DRIVER = "dra.net";

  /** The EFA device class name. */
  public static final String EFA_CLASS = "efa.networking.k8s.aws";

  /** The group attribute of 4 Neuron devices (one torus row) and their EFAs. */
  public static final String GROUP4 = "resource.aws.com/devicegroup4_id";

  /** The EFA PCI bus of Neuron device i on trn2 (0000:xx:00.0). */
  private static final String[] EFA_BUS = {
    "c9", "b4", "b3", "ca", "6c", "57", "56", "6d", "98", "83", "82", "99", "f5", "e0", "df", "f6"
  };

  private Trn2Topology() {}

  /** The EFA PCI address paired with Neuron device {@code i}. */
  public static String efaAddress(int neuronIndex) {
    return "0000:" + EFA_BUS[neuronIndex] + ":00.0";
  }

  /** The EFA device name for Neuron device {@code i}, as DRANET names it. */
  public static String efaDeviceName(int neuronIndex) {
    return "pci-0000-" + EFA_BUS[neuronIndex] + "-00-0";
  }

  /** {@code devicegroup<size>_id} of Neuron device {@code i} (size 1 is the EFA address). */
  public static String groupId(int size, int neuronIndex) {
    if (size == 1) {
      return efaAddress(neuronIndex);
    }
    int start = neuronIndex / size * size;
    TreeSet<String> addresses = new TreeSet<>();
    for (int i = start; i < start + size; i++) {
      addresses.add(efaAddress(i));
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(String.join(",", addresses).getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder();
      for (byte b : digest) {
        hex.append(String.format("%02x", b));
      }
      return hex.substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  /** The Neuron and the EFA slice of one node. */
  public static List<V1ResourceSlice> slices(String node) {
    DraObjects.SliceBuilder neuron =
        DraObjects.slice(node + "-neuron.aws.com-a1b2c", NEURON, node).nodeName(node);
    DraObjects.SliceBuilder efa =
        DraObjects.slice(node + "-dra.net-d3e4f", EFA_DRIVER, node).nodeName(node);
    for (int i = 0; i < 16; i++) {
      DraObjects.DeviceBuilder n =
          DraObjects.device("neurondevice" + i)
              .attr("deviceId", i)
              .attr("instanceType", "trn2.48xlarge")
              .attr("resourceType", "neuron_device")
              .attr("topology_x", i / 4)
              .attr("topology_y", i % 4);
      DraObjects.DeviceBuilder e =
          DraObjects.device(efaDeviceName(i))
              .attr("pciAddress", efaAddress(i))
              .attr("pciDevice", "Elastic Fabric Adapter (EFA)")
              .attr("pciVendor", "Amazon.com, Inc.")
              .attr("rdma", true);
      for (int size : new int[] {1, 4, 8, 16}) {
        n.attr("resource.aws.com/devicegroup" + size + "_id", groupId(size, i));
        e.attr("resource.aws.com/devicegroup" + size + "_id", groupId(size, i));
      }
      neuron.devices(n);
      efa.devices(e);
    }
    return List.of(neuron.build(), efa.build());
  }

  /** Slices of {@code count} nodes named {@code <prefix>0..}. */
  public static List<V1ResourceSlice> slices(String prefix, int count) {
    List<V1ResourceSlice> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.addAll(slices(prefix + i));
    }
    return out;
  }

  /** The Neuron and EFA device classes, with the selectors the published drivers install. */
  public static List<V1DeviceClass> deviceClasses() {
    return List.of(
        DraObjects.deviceClass(NEURON, "device.driver == \"neuron.aws.com\""),
        DraObjects.deviceClass(
            EFA_CLASS,
            "device.driver == \"dra.net\" && "
                + "device.attributes[\"dra.net\"].pciDevice == 'Elastic Fabric Adapter (EFA)'"));
  }

  /** The aligned claim: {@code neurons} Neuron and {@code efas} EFA devices in one group4. */
  public static io.kubernetes.client.openapi.models.ResourceV1ResourceClaim alignedClaim(
      String namespace, String name, int neurons, int efas) {
    return DraObjects.claim(namespace, name)
        .request(
            DraObjects.request("neuron", NEURON, neurons),
            DraObjects.request("efa", EFA_CLASS, efas))
        .matchAttribute(GROUP4, "neuron", "efa")
        .build();
  }
}
