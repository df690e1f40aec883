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
package io.dra4j.api;

import io.dra4j.api.device.Quantity;
import io.dra4j.api.device.Resources;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * A {@link DriverContext} for the SDK helpers' unit tests: it records publishes and warnings. (The
 * testkit's {@code RecordingDriverContext} is not reachable from here: the testkit depends on this
 * module.)
 */
public final class RecordingContext implements DriverContext {
  private final Map<String, Quantity> allocatable;
  private final Optional<RuntimeException> nodeReadFailure;
  private final List<Resources> published = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  /** A context on node {@code node-1} whose node reports {@code allocatable}. */
  public RecordingContext(Map<String, Quantity> allocatable) {
    this(allocatable, Optional.empty());
  }

  private RecordingContext(
      Map<String, Quantity> allocatable, Optional<RuntimeException> nodeReadFailure) {
    this.allocatable = Map.copyOf(allocatable);
    this.nodeReadFailure = nodeReadFailure;
  }

  /** A context whose {@code nodeAllocatable()} throws {@code failure}. */
  public static RecordingContext failingNodeRead(RuntimeException failure) {
    return new RecordingContext(Map.of(), Optional.of(failure));
  }

  /** A context on node {@code node-1} whose node reports nothing allocatable. */
  public RecordingContext() {
    this(Map.of());
  }

  @Override
  public String nodeName() {
    return "node-1";
  }

  @Override
  public HostPaths hostPaths() {
    return HostPaths.host();
  }

  @Override
  public synchronized void publish(Resources resources) {
    published.add(resources);
  }

  @Override
  public Map<String, Quantity> nodeAllocatable() {
    if (nodeReadFailure.isPresent()) {
      throw nodeReadFailure.get();
    }
    return allocatable;
  }

  @Override
  public Map<String, String> settings() {
    return Map.of();
  }

  @Override
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Override
  public System.Logger logger() {
    return new System.Logger() {
      @Override
      public String getName() {
        return "test";
      }

      @Override
      public boolean isLoggable(Level level) {
        return true;
      }

      @Override
      public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        record(level, msg);
      }

      @Override
      public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        record(level, format);
      }
    };
  }

  private synchronized void record(System.Logger.Level level, String message) {
    if (level.getSeverity() >= System.Logger.Level.WARNING.getSeverity()) {
      warnings.add(message);
    }
  }

  /** Everything published, oldest first. */
  public synchronized List<Resources> published() {
    return List.copyOf(published);
  }

  /** The last publish. */
  public synchronized Resources lastPublished() {
    return published.get(published.size() - 1);
  }

  /** The unformatted messages logged at {@code WARNING} or above. */
  public synchronized List<String> warnings() {
    return List.copyOf(warnings);
  }
}
