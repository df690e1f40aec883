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
package io.dra4j.runtime.internal.slices;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.JsonInformer;
import io.kubernetes.client.openapi.models.V1ResourceSlice;

/**
 * One write that {@link SliceDiff} plans and {@link SliceWriter} performs: create a slice, update
 * an observed slice in place, or delete an observed slice.
 */
sealed interface SliceAction {

  /** The name of the slice this action writes. */
  String name();

  /** Creates {@code slice}, which the cluster does not show yet. */
  record Create(V1ResourceSlice slice) implements SliceAction {
    @Override
    public String name() {
      return slice.getMetadata().getName();
    }
  }

  /** Replaces {@code observed} (same name) with {@code slice}. */
  record Update(V1ResourceSlice slice, JsonObject observed) implements SliceAction {
    @Override
    public String name() {
      return slice.getMetadata().getName();
    }
  }

  /** Deletes {@code observed}, on the condition that its UID has not changed. */
  record Delete(JsonObject observed) implements SliceAction {
    @Override
    public String name() {
      return JsonInformer.key(observed);
    }
  }
}
