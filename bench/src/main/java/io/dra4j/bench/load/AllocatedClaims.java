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
package io.dra4j.bench.load;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.runtime.internal.proto.dra.v1.Claim;
import io.dra4j.testkit.apiserver.FakeApiServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * ResourceClaims written straight into the in-memory API server already allocated, one device each,
 * as the scheduler would leave them: what a benchmark's kubelet then asks a driver to prepare.
 *
 * @param namespace the claims' namespace
 * @param deviceClass the DeviceClass their single request {@code dev} names
 * @param driver the driver of the allocated device
 * @param pool the pool of the allocated device
 * @param nameFormat a {@link String#format} pattern for the claim name, given the claim's index
 */
public record AllocatedClaims(
    String namespace, String deviceClass, String driver, String pool, String nameFormat) {

  /**
   * Creates {@code count} claims; claim {@code i} is allocated device {@code device.apply(i)}.
   *
   * @return the claims as the kubelet names them in its calls (namespace, name, uid)
   */
  public List<Claim> create(FakeApiServer api, int count, IntFunction<String> device) {
    List<Claim> claims = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = String.format(Locale.ROOT, nameFormat, i);
      JsonObject claim =
          api.apply(
                  """
                  {"apiVersion": "resource.k8s.io/v1", "kind": "ResourceClaim",
                   "metadata": {"name": "%s", "namespace": "%s"},
                   "spec": {"devices": {"requests": [{"name": "dev", "exactly":
                     {"deviceClassName": "%s"}}]}},
                   "status": {"allocation": {"devices": {"results": [
                     {"request": "dev", "driver": "%s", "pool": "%s", "device": "%s"}]}}}}
                  """
                      .formatted(name, namespace, deviceClass, driver, pool, device.apply(i)))
              .get(0);
      String uid = JsonFields.string(claim, "metadata", "uid");
      claims.add(Claim.newBuilder().setNamespace(namespace).setName(name).setUid(uid).build());
    }
    return claims;
  }
}
