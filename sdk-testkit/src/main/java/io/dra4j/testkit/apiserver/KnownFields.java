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
package io.dra4j.testkit.apiserver;

import io.kubernetes.client.openapi.models.ResourceV1ResourceClaim;
import io.kubernetes.client.openapi.models.V1DeviceClass;
import io.kubernetes.client.openapi.models.V1DeviceRequestAllocationResult;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1ResourceClaimTemplate;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import io.kubernetes.client.openapi.models.V1ResourceSliceSpec;
import java.util.Map;
import java.util.Optional;

/**
 * The fields the fake API server knows per kind, in one place: the Kubernetes 1.37 API as the
 * client-java models describe it (client-java 27 follows 1.36) plus the fields 1.37 added. Strict
 * field validation rejects what is not declared here, so a field that exists in 1.37 must be listed
 * (or come from the models) even when the testkit ignores it.
 */
final class KnownFields {
  /**
   * The root model of each kind the server validates strictly. Nodes and namespaces are left out:
   * tests store them as a newer kubelet would write them, with fields no release here knows.
   */
  private static final Map<String, Class<?>> ROOTS =
      Map.of(
          "Pod", V1Pod.class,
          "ResourceClaim", ResourceV1ResourceClaim.class,
          "ResourceClaimTemplate", V1ResourceClaimTemplate.class,
          "DeviceClass", V1DeviceClass.class,
          "ResourceSlice", V1ResourceSlice.class);

  /** Fields of Kubernetes 1.37 the models do not declare yet, by model. */
  private static final Map<Class<?>, Map<String, FieldSchema>> ADDITIONS =
      Map.of(
          // DRAPartitionableDevicesType (alpha) and DRAOptionalNodeOperations (alpha).
          V1ResourceSliceSpec.class,
          Map.of(
              "partitionTypeAttribute",
              FieldSchema.Scalar.STRING,
              "skipNodeOperations",
              new FieldSchema.ListOf(FieldSchema.Scalar.STRING)),
          // DRAOptionalNodeOperations: the scheduler copies the slice's list into the result.
          V1DeviceRequestAllocationResult.class,
          Map.of("skipNodeOperations", new FieldSchema.ListOf(FieldSchema.Scalar.STRING)));

  private KnownFields() {}

  /** The schema of a whole object of {@code kind}; empty for kinds not validated strictly. */
  static Optional<FieldSchema> of(String kind) {
    return Optional.ofNullable(ROOTS.get(kind)).map(FieldSchema.Model::new);
  }

  /** The 1.37 fields {@code model} lacks; empty when it has them all. */
  static Map<String, FieldSchema> additions(Class<?> model) {
    return ADDITIONS.getOrDefault(model, Map.of());
  }
}
