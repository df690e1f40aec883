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
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Validates an object before it is stored, the same way for every way in: HTTP create, update and
 * patch, and the direct writes {@link FakeApiServer#apply} and {@link FakeApiServer#update}: the
 * fields of gates that are off are dropped ({@link GatedFields}), then the CEL selectors of new
 * claims, templates and classes ({@link SelectorCheck}), admin access, claim constraints and
 * ResourceSlices are validated with the emulated release's rules; other resources are stored as
 * given. Before that, every write of every kind passes strict field validation ({@link
 * StrictFields}).
 */
final class Admission {
  private final Emulation emulation;
  private final Function<String, Optional<JsonObject>> namespaces;
  private final BiFunction<ApiResource, JsonObject, Optional<JsonObject>> stored;

  /**
   * @param namespaces the Namespace object by name, for the admin-access rule
   * @param stored the stored version of an object, if any, for the fields of gates that are off
   */
  Admission(
      Emulation emulation,
      Function<String, Optional<JsonObject>> namespaces,
      BiFunction<ApiResource, JsonObject, Optional<JsonObject>> stored) {
    this.emulation = emulation;
    this.namespaces = namespaces;
    this.stored = stored;
  }

  /**
   * Strict field validation: every field declared for the kind, every value of its type.
   *
   * @throws ApiError 400 BadRequest naming each undeclared field and mistyped value by path
   */
  private static void strict(ApiResource r, JsonObject object) {
    fields(r, object, "Strict", w -> {});
  }

  /**
   * Field validation with the request's {@code fieldValidation} parameter: {@code Strict} (also
   * when absent, as {@code kubectl} sends it) refuses, {@code Warn} reports each problem to {@code
   * warn}, {@code Ignore} skips the check.
   *
   * @throws ApiError 400 BadRequest for problems under Strict or an unknown mode
   */
  static void fields(ApiResource r, JsonObject object, String mode, Consumer<String> warn) {
    if (mode.equals("Ignore")) {
      return;
    }
    if (!mode.isEmpty() && !mode.equals("Strict") && !mode.equals("Warn")) {
      throw ApiError.badRequest(
          "fieldValidation must be one of Ignore, Warn or Strict, not \"" + mode + "\"");
    }
    List<ApiError.Cause> causes = StrictFields.check(r.kind(), object);
    if (mode.equals("Warn")) {
      causes.forEach(c -> warn.accept(c.message()));
    } else if (!causes.isEmpty()) {
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
    validate(r, object);
  }

  /** {@link #admit} with field validation as the request asks; see {@link #fields}. */
  void admit(ApiResource r, JsonObject object, String mode, Consumer<String> warn) {
    fields(r, object, mode, warn);
    validate(r, object);
  }

  private void validate(ApiResource r, JsonObject object) {
    Optional<JsonObject> old = stored.apply(r, object);
    GatedFields.drop(r, object, old, emulation);
    if (old.isEmpty()) {
      List<ApiError.Cause> selectors =
          SelectorCheck.check(r, object, emulation.minor() >= 36 && emulation.listTypeAttributes());
      if (!selectors.isEmpty()) {
        throw ApiError.invalid(r, ObjectStore.nameOf(object), selectors);
      }
    }
    List<ApiError.Cause> admin =
        AdminAccessCheck.check(
            r, object, namespaces.apply(ObjectStore.namespaceOf(object)), emulation.adminAccess());
    if (!admin.isEmpty()) {
      throw ApiError.invalid(r, ObjectStore.nameOf(object), admin);
    }
    List<ApiError.Cause> constraints =
        ConstraintCheck.check(r, object, emulation.gate(Emulation.CONSUMABLE_CAPACITY));
    if (!constraints.isEmpty()) {
      throw ApiError.invalid(r, ObjectStore.nameOf(object), constraints);
    }
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
    validateStatus(r, object);
  }

  /** {@link #admitStatus} with field validation as the request asks; see {@link #fields}. */
  void admitStatus(ApiResource r, JsonObject object, String mode, Consumer<String> warn) {
    fields(r, object, mode, warn);
    validateStatus(r, object);
  }

  private void validateStatus(ApiResource r, JsonObject object) {
    if (r.plural().equals("resourceclaims")) {
      List<ApiError.Cause> causes = ClaimStatusValidator.validate(object);
      if (!causes.isEmpty()) {
        throw ApiError.invalid(r, ObjectStore.nameOf(object), causes);
      }
    }
  }
}
