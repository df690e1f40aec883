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

import java.util.Comparator;
import java.util.function.Function;

/**
 * The order in which the allocator visits pools and slices, which decides what first fit picks.
 * From 1.36 pools go by driver then pool name and slices by name, and (with binding conditions on)
 * pools holding a device with binding conditions come after all others. Before 1.36 the scheduler
 * walked Go maps, an order that is unspecified and differs between attempts; this order emulates
 * that with a fixed pseudo-random permutation per seed, so a test that passes only because of name
 * order fails here as it would in such a cluster, and reproducibly.
 */
final class VisitOrder {
  private final AllocatorFeatures features;

  VisitOrder(AllocatorFeatures features) {
    this.features = features;
  }

  Comparator<Catalog.Pool> pools() {
    Comparator<Catalog.Pool> byName =
        features.lexicographicOrder()
            ? Comparator.comparing((Catalog.Pool p) -> p.driver).thenComparing(p -> p.name)
            : scrambled(p -> p.driver + "/" + p.name);
    if (features.lexicographicOrder() && features.bindingConditions()) {
      return Comparator.comparing((Catalog.Pool p) -> p.hasBindingConditions).thenComparing(byName);
    }
    return byName;
  }

  Comparator<Catalog.Slice> slices() {
    return features.lexicographicOrder()
        ? Comparator.comparing(Catalog.Slice::name)
        : scrambled(Catalog.Slice::name);
  }

  private <T> Comparator<T> scrambled(Function<T, String> name) {
    return Comparator.comparingLong((T t) -> mix(name.apply(t))).thenComparing(name);
  }

  /** A well-spread 64-bit hash of the name and the seed (splitmix64 finaliser over the hash). */
  private long mix(String name) {
    long z = name.hashCode() * 0x9E3779B97F4A7C15L + features.orderSeed();
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
