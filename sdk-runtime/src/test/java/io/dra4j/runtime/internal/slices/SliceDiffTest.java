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

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.TaintEffect;
import io.dra4j.runtime.internal.kube.ApiJson;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class SliceDiffTest {
  private static final String DRIVER = "gpu.example.com";
  private static final String NODE = "node-a";
  private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
  private static final BiFunction<Device, DeviceTaint, Instant> AT_T = (d, t) -> T;
  private static final Optional<String> OWNER = Optional.of("node-uid");

  private final SliceDiff diff = new SliceDiff(DRIVER, NODE);

  private static Pool pool(String name, int devices, String model) {
    Pool.Builder b = Pool.builder(name);
    for (int i = 0; i < devices; i++) {
      b.device(
          Device.builder(String.format("gpu-%03d", i))
              .attribute("model", model)
              .capacity("memory", "80Gi")
              .build());
    }
    return b.build();
  }

  private static List<PlannedSlice> plan(Pool pool) {
    return SliceLayout.plan(DRIVER, NODE, pool);
  }

  /** The slices as the API would show them after writing {@code pool} at {@code generation}. */
  private static List<JsonObject> observed(Pool pool, long generation, Optional<String> owner) {
    List<PlannedSlice> planned = plan(pool);
    List<JsonObject> out = new ArrayList<>();
    for (PlannedSlice p : planned) {
      JsonObject json =
          ApiJson.toJson(
              SliceRenderer.render(DRIVER, NODE, p, generation, planned.size(), owner, AT_T));
      json.getAsJsonObject("metadata").addProperty("uid", "uid-" + p.name());
      json.getAsJsonObject("metadata").addProperty("resourceVersion", "7");
      out.add(json);
    }
    return out;
  }

  private static List<JsonObject> observed(Pool pool, long generation) {
    return observed(pool, generation, OWNER);
  }

  private SliceDiff.Changes diff(Pool pool, List<JsonObject> observed) {
    return diff.pool(plan(pool), observed, OWNER, AT_T);
  }

  private static long generationOf(V1ResourceSlice slice) {
    return slice.getSpec().getPool().getGeneration();
  }

  @Test
  void aNewPoolIsCreatedAtGenerationZero() {
    Pool pool = pool("node-a", 200, "h100");

    SliceDiff.Changes changes = diff(pool, List.of());

    assertThat(changes.generation()).isZero();
    assertThat(changes.actions())
        .hasSize(2)
        .allSatisfy(a -> assertThat(a).isInstanceOf(SliceAction.Create.class));
    assertThat(changes.actions())
        .extracting(SliceAction::name)
        .containsExactly(plan(pool).get(0).name(), plan(pool).get(1).name());
    SliceAction.Create first = (SliceAction.Create) changes.actions().get(0);
    assertThat(generationOf(first.slice())).isZero();
    assertThat(first.slice().getSpec().getPool().getResourceSliceCount()).isEqualTo(2);
    assertThat(first.slice().getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo("node-uid"));
  }

  @Test
  void anUnchangedPoolNeedsNoWrite() {
    Pool pool = pool("node-a", 200, "h100");

    SliceDiff.Changes changes = diff(pool, observed(pool, 3));

    assertThat(changes.actions()).isEmpty();
    assertThat(changes.generation()).isEqualTo(3);
  }

  @Test
  void aChangedDeviceIsUpdatedInPlaceAtTheSameGeneration() {
    List<JsonObject> before = observed(pool("node-a", 200, "h100"), 3);

    SliceDiff.Changes changes = diff(pool("node-a", 200, "h200"), before);

    assertThat(changes.generation()).isEqualTo(3);
    assertThat(changes.actions()).hasSize(2);
    for (int i = 0; i < 2; i++) {
      SliceAction.Update update = (SliceAction.Update) changes.actions().get(i);
      assertThat(update.observed()).isSameAs(before.get(i));
      assertThat(generationOf(update.slice())).isEqualTo(3);
      assertThat(
              update.slice().getSpec().getDevices().get(0).getAttributes().get("model").getString())
          .isEqualTo("h200");
    }
  }

  @Test
  void onlyTheSliceThatChangedIsWritten() {
    List<JsonObject> before = observed(pool("node-a", 200, "h100"), 0);
    Pool after = pool("node-a", 200, "h100");
    Pool.Builder b = Pool.builder("node-a");
    after
        .devices()
        .forEach(
            d ->
                b.device(
                    d.name().equals("gpu-199")
                        ? d.toBuilder().attribute("model", "h200").build()
                        : d));

    SliceDiff.Changes changes = diff(b.build(), before);

    assertThat(changes.actions())
        .singleElement()
        .isInstanceOf(SliceAction.Update.class)
        .extracting(SliceAction::name)
        .isEqualTo(plan(after).get(1).name());
  }

  @Test
  void aDifferentNodeOwnerIsUpdated() {
    Pool pool = pool("node-a", 1, "h100");

    SliceDiff.Changes changes = diff(pool, observed(pool, 0, Optional.of("old-node-uid")));

    assertThat(changes.actions())
        .singleElement()
        .isInstanceOfSatisfying(
            SliceAction.Update.class,
            u ->
                assertThat(u.slice().getMetadata().getOwnerReferences().get(0).getUid())
                    .isEqualTo("node-uid"));
  }

  @Test
  void aChangedLayoutWritesEverySliceAtTheNextGenerationAndDeletesNothingYet() {
    List<JsonObject> before = observed(pool("node-a", 200, "h100"), 4);

    SliceDiff.Changes changes = diff(pool("node-a", 16, "h100"), before);

    assertThat(changes.generation()).isEqualTo(5);
    assertThat(changes.actions())
        .singleElement()
        .isInstanceOfSatisfying(
            SliceAction.Update.class,
            u -> {
              assertThat(u.observed()).isSameAs(before.get(0));
              assertThat(generationOf(u.slice())).isEqualTo(5);
              assertThat(u.slice().getSpec().getPool().getResourceSliceCount()).isEqualTo(1);
            });
  }

  @Test
  void staleSlicesAreDeletedOnceTheNewGenerationIsComplete() {
    List<JsonObject> old = observed(pool("node-a", 200, "h100"), 4);
    Pool now = pool("node-a", 16, "h100");
    List<JsonObject> observed = new ArrayList<>(observed(now, 5));
    observed.add(old.get(1));

    SliceDiff.Changes changes = diff(now, observed);

    assertThat(changes.generation()).isEqualTo(5);
    assertThat(changes.actions())
        .singleElement()
        .isInstanceOfSatisfying(
            SliceAction.Delete.class, d -> assertThat(d.observed()).isSameAs(old.get(1)));
  }

  @Test
  void aSliceCountThatDisagreesWithThePlanStartsANewGeneration() {
    Pool pool = pool("node-a", 16, "h100");
    List<JsonObject> observed = observed(pool, 2);
    observed
        .get(0)
        .getAsJsonObject("spec")
        .getAsJsonObject("pool")
        .addProperty("resourceSliceCount", 2);

    SliceDiff.Changes changes = diff(pool, observed);

    assertThat(changes.generation()).isEqualTo(3);
    assertThat(changes.actions()).singleElement().isInstanceOf(SliceAction.Update.class);
  }

  @Test
  void taintTimesComeFromTheGivenClock() {
    Pool pool =
        Pool.builder("node-a")
            .device(
                Device.builder("gpu-0")
                    .taint(DeviceTaint.of("unhealthy", "ecc", TaintEffect.NO_SCHEDULE))
                    .build())
            .build();

    SliceDiff.Changes changes = diff(pool, List.of());

    SliceAction.Create create = (SliceAction.Create) changes.actions().get(0);
    assertThat(create.slice().getSpec().getDevices().get(0).getTaints().get(0).getTimeAdded())
        .isEqualTo(T.atOffset(java.time.ZoneOffset.UTC));
  }

  @Test
  void theSameInputsGiveTheSameActions() {
    Pool pool = pool("node-a", 200, "h200");
    List<JsonObject> before = observed(pool("node-a", 200, "h100"), 1);

    assertThat(diff(pool, before)).isEqualTo(diff(pool, before));
  }

  @Test
  void deleteAllDeletesEveryObservedSlice() {
    List<JsonObject> observed = observed(pool("node-a", 200, "h100"), 0);

    assertThat(SliceDiff.deleteAll(observed))
        .extracting(a -> ((SliceAction.Delete) a).observed())
        .containsExactlyElementsOf(observed);
  }

  @Test
  void observedSlicesAreGroupedByPoolInNameOrder() {
    List<JsonObject> a = observed(pool("a", 1, "h100"), 0);
    List<JsonObject> b = observed(pool("b", 200, "h100"), 0);
    List<JsonObject> all = new ArrayList<>(b);
    all.addAll(a);

    var byPool = SliceDiff.byPool(all);

    assertThat(byPool.keySet()).containsExactly("a", "b");
    assertThat(byPool.get("a")).containsExactlyElementsOf(a);
    assertThat(byPool.get("b")).containsExactlyElementsOf(b);
  }
}
