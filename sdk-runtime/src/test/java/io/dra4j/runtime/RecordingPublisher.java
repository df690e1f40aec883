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
package io.dra4j.runtime;

import io.dra4j.api.device.Resources;
import io.dra4j.runtime.internal.slices.ResourcePublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what was published. */
public class RecordingPublisher implements ResourcePublisher {
  private final List<Resources> published = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  @Override
  public void publish(Resources resources) {
    published.add(resources);
  }

  public List<Resources> published() {
    return List.copyOf(published);
  }

  public boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    closed = true;
  }
}
