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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Computes the {@code resource.aws.com/devicegroup{1,4,8,16}_id} attributes that both the Neuron
 * and the EFA driver publish, so a claim can put {@code matchAttribute} on them across the two
 * drivers.
 *
 * <p>{@code devicegroup1_id} is the EFA PCI address paired with a Neuron device. {@code
 * devicegroupK_id} (K = 4, 8, 16) is the first 16 hex characters of the SHA-256 of the sorted,
 * de-duplicated, comma-joined EFA addresses of Neuron ids {@code [⌊id/K⌋·K, ⌊id/K⌋·K+K)}: one torus
 * row, two rows or the whole instance.
 */
public final class DeviceGroups {

  /** The attribute domain of the group ids. */
  public static final String DOMAIN = "resource.aws.com";

  /** Group sizes, smallest first. */
  public static final List<Integer> SIZES = List.of(1, 4, 8, 16);

  private final InstanceType instanceType;
  private final NeuronEfaMap map;

  private DeviceGroups(InstanceType instanceType, NeuronEfaMap map) {
    this.instanceType = instanceType;
    this.map = map;
  }

  /** The groups of an instance type; empty when it has no Neuron-to-EFA map. */
  public static Optional<DeviceGroups> forInstanceType(InstanceType type) {
    Objects.requireNonNull(type, "type");
    return NeuronEfaMap.forInstanceType(type).map(m -> new DeviceGroups(type, m));
  }

  /**
   * The fully qualified attribute name for a group size, e.g. {@code
   * resource.aws.com/devicegroup4_id}.
   */
  public static String attributeName(int size) {
    if (!SIZES.contains(size)) {
      throw new IllegalArgumentException("device group size " + size + " must be one of " + SIZES);
    }
    return DOMAIN + "/devicegroup" + size + "_id";
  }

  public InstanceType instanceType() {
    return instanceType;
  }

  public NeuronEfaMap map() {
    return map;
  }

  /** The group ids of a Neuron device; empty when the id is outside the instance's map. */
  public Optional<GroupIds> ofNeuron(int neuronId) {
    return map.efaOf(neuronId).map(efa -> groupIds(efa, neuronId));
  }

  /**
   * The group ids of an EFA adapter, found through its paired Neuron device; empty when the address
   * is not in the instance's map.
   */
  public Optional<GroupIds> ofEfa(String efaPciAddress) {
    List<Integer> neuronIds = map.neuronIdsOf(efaPciAddress);
    if (neuronIds.isEmpty()) {
      return Optional.empty();
    }
    // Neuron devices that share an adapter are consecutive, so they share every group of 4+.
    return Optional.of(groupIds(efaPciAddress.toLowerCase(Locale.ROOT), neuronIds.get(0)));
  }

  private GroupIds groupIds(String efa, int neuronId) {
    return new GroupIds(
        efa, groupHash(neuronId, 4), groupHash(neuronId, 8), groupHash(neuronId, 16));
  }

  private String groupHash(int neuronId, int size) {
    int first = neuronId / size * size;
    TreeSet<String> addresses = new TreeSet<>();
    for (int id = first; id < first + size; id++) {
      map.efaOf(id).ifPresent(addresses::add);
    }
    return hash16(String.join(",", addresses));
  }

  private static String hash16(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks SHA-256, which every JDK must provide", e);
    }
  }

  /**
   * The four group ids of one device.
   *
   * @param group1 the paired EFA PCI address
   * @param group4 the hash of the device's group of 4
   * @param group8 the hash of the device's group of 8
   * @param group16 the hash of the device's group of 16
   */
  public record GroupIds(String group1, String group4, String group8, String group16) {
    public GroupIds {
      Objects.requireNonNull(group1, "group1");
      Objects.requireNonNull(group4, "group4");
      Objects.requireNonNull(group8, "group8");
      Objects.requireNonNull(group16, "group16");
    }

    /** Attribute name to value, ready for {@code Device.Builder.attribute(String, String)}. */
    public Map<String, String> attributes() {
      return Map.of(
          attributeName(1), group1,
          attributeName(4), group4,
          attributeName(8), group8,
          attributeName(16), group16);
    }
  }
}
