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
package io.dra4j.runtime.internal.checkpoint;

import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.DeviceNode;
import io.dra4j.api.prepare.Hook;
import io.dra4j.api.prepare.Mount;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PreparedClaim;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A prepared claim that uses every field of the prepare model, for round-trip tests. */
public final class RichPreparation {
  private RichPreparation() {}

  /** Every field set, with values that stress encoding (order, quotes, non-ASCII, quantities). */
  public static PreparedClaim of(ClaimRef claim) {
    Map<QualifiedName, Quantity> capacity = new LinkedHashMap<>();
    capacity.put(QualifiedName.of("memory"), Quantity.parse("1.5Gi"));
    capacity.put(QualifiedName.of("resource.aws.com", "cores"), Quantity.parse("100m"));
    capacity.put(QualifiedName.of("bandwidth"), Quantity.parse("25G"));
    AllocatedDevice shared =
        new AllocatedDevice(
            "gpu/large", "node-1-pool", "neuron3", true, Optional.of("share-7"), capacity);
    ContainerEdits deviceEdits =
        ContainerEdits.builder()
            .env("Z_FIRST", "1")
            .env("A_SECOND", "with \"quotes\" and = and \u00e9")
            .deviceNode(
                new DeviceNode("/dev/neuron3", Optional.of("/dev/neuron7"), Optional.of("rw")))
            .deviceNode("/dev/infiniband/uverbs0")
            .mount(
                new Mount("tmpfs", "/scratch", List.of("size=64m", "nosuid"), Optional.of("tmpfs")))
            .mount(Mount.bindReadOnly("/opt/aws/neuron", "/opt/aws/neuron"))
            .hook(
                new Hook(
                    "createContainer",
                    "/usr/bin/neuron-hook",
                    List.of("neuron-hook", "--x"),
                    List.of("K=V"),
                    Optional.of(10)))
            .hook(new Hook("poststop", "/bin/true", List.of(), List.of(), Optional.empty()))
            .build();
    Preparation prep =
        Preparation.builder()
            .device(shared, deviceEdits)
            .device(AllocatedDevice.of("small", "node-1-pool", "neuron4"), ContainerEdits.none())
            .common(ContainerEdits.builder().env("COMMON", "yes").build())
            .build();
    return new PreparedClaim(claim, prep);
  }
}
