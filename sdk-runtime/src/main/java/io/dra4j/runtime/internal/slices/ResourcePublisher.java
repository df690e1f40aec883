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

import io.dra4j.api.device.Resources;

/**
 * Reconciles the cluster's ResourceSlices to a driver's desired {@link Resources}. {@link #publish}
 * returns at once; the work happens in the background, with retries, until the cluster matches the
 * latest desired state.
 */
public interface ResourcePublisher extends AutoCloseable {

  /** Replaces the desired state. Thread-safe; the latest call wins. */
  void publish(Resources resources);

  /** Stops reconciling. Never deletes slices. */
  @Override
  void close();
}
