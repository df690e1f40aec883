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

import com.google.gson.JsonObject;
import java.util.List;

/**
 * Validates an object before it is stored, the same way for every way in: HTTP create, update and
 * patch, and the direct writes {@link FakeApiServer#apply} and {@link FakeApiServer#update}. Today
 * that is ResourceSlice validation with the emulated release's rules; other resources are stored as
 * given. Before that, every write of every kind passes strict field validation ({@link
 * StrictFields}).
 */
final class Admission {
  private final Emulation emulation;

  Admission(Emulation emulation) {
    this.emulation = emulation;
  }

  /**
   * Strict field validation: every field declared for the kind, every value of its type.
   *
   * @throws ApiError 400 BadRequest naming each undeclared field and mistyped value by path
   */
  private static void strict(ApiResource r, JsonObject object) {
    List<ApiError.Cause> causes = StrictFields.check(r.kind(), object);
    if (!causes.isEmpty()) {
      throw ApiError.strictDecoding(r, ObjectStore.nameOf(object), causes);
    }
  }

  /**
   * Checks a v1 object of resource {@code r}.
   *
   * @throws ApiError 422 Invalid with a cause per broken rule, with the API's field paths
   */
  void admit(ApiResource r, JsonObject object) {
    strict(r, object);
    if (r.plural().equals("resourceslices")) {
      List<ApiError.Cause> causes =
          ResourceSliceValidator.validate(
              object, emulation.minor(), emulation.listTypeAttributes());
      if (!causes.isEmpty()) {
        throw ApiError.invalid(r, ObjectStore.nameOf(object), causes);
      }
    }
  }

  /**
   * Checks a v1 object written through the status subresource of {@code r}; today the {@code
   * status.devices} of a ResourceClaim.
   *
   * @throws ApiError 422 Invalid with a cause per broken rule
   */
  void admitStatus(ApiResource r, JsonObject object) {
    strict(r, object);
    if (r.plural().equals("resourceclaims")) {
      List<ApiError.Cause> causes = ClaimStatusValidator.validate(object);
      if (!causes.isEmpty()) {
        throw ApiError.invalid(r, ObjectStore.nameOf(object), causes);
      }
    }
  }
}
