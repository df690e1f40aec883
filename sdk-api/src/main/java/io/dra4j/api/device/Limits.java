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
package io.dra4j.api.device;

/**
 * The {@code resource.k8s.io/v1} size limits, as of Kubernetes 1.37. The device model enforces
 * those that apply to one device or one pool when a value is built; the SDK applies the per-slice
 * limits when it splits a pool into ResourceSlices. Where Kubernetes 1.34 is stricter, a {@code
 * _1_34} constant gives its value.
 */
public final class Limits {

  /** Attributes and capacities of one device together. */
  public static final int MAX_ATTRIBUTES_AND_CAPACITIES_PER_DEVICE = 32;

  /**
   * Attribute values of one device: a scalar attribute counts once, a list attribute once per
   * element.
   */
  public static final int MAX_ATTRIBUTE_VALUES_PER_DEVICE = 48;

  /** Binding conditions of one device, and binding failure conditions of one device. */
  public static final int MAX_BINDING_CONDITIONS = 4;

  /** Valid values of one capacity's request policy. */
  public static final int MAX_REQUEST_POLICY_VALID_VALUES = 10;

  /** Longest string or version attribute value, in UTF-8 bytes. */
  public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 64;

  /** Taints on one device (Kubernetes 1.35 and later). */
  public static final int MAX_TAINTS_PER_DEVICE = 16;

  /** Taints on one device in Kubernetes 1.34, whose API server rejects more. */
  public static final int MAX_TAINTS_PER_DEVICE_1_34 = 4;

  /** Counter sets one device consumes from ({@code consumesCounters} entries). */
  public static final int MAX_CONSUMES_COUNTERS_PER_DEVICE = 2;

  /** Counters in one counter set, and in one {@code consumesCounters} entry. */
  public static final int MAX_COUNTERS_PER_SET = 32;

  /**
   * Counter sets in one ResourceSlice. A pool may define more: the SDK spreads them over several
   * slices.
   */
  public static final int MAX_COUNTER_SETS_PER_SLICE = 8;

  /** Devices in one ResourceSlice. */
  public static final int MAX_DEVICES_PER_SLICE = 128;

  /**
   * Devices in one ResourceSlice when any of them has taints, consumes counters or (Kubernetes 1.36
   * and later) has a list attribute.
   */
  public static final int MAX_DEVICES_PER_SLICE_WITH_TAINTS_OR_COUNTERS = 64;

  /** Longest pool name. */
  public static final int MAX_POOL_NAME_LENGTH = 253;

  private Limits() {}
}
