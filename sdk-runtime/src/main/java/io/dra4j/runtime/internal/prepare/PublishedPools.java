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
package io.dra4j.runtime.internal.prepare;

import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of the pools this driver last published from this node, so a prepare can refuse an
 * allocation result that names another node's pool. Thread-safe: the provider publishes on its own
 * threads while claims are prepared on others.
 */
public final class PublishedPools {
  private volatile Optional<Set<String>> names = Optional.empty();

  /** Records what the provider just published; the latest call wins. */
  public void record(Resources resources) {
    Objects.requireNonNull(resources, "resources");
    Set<String> pools = new TreeSet<>();
    for (Pool p : resources.pools()) {
      pools.add(p.name());
    }
    names = Optional.of(Collections.unmodifiableSet(pools));
  }

  /**
   * The pool names published last, sorted; empty before the first publish, when nothing can be
   * checked yet.
   */
  public Optional<Set<String>> names() {
    return names;
  }
}
