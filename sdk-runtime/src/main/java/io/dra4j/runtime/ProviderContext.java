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

import io.dra4j.api.DriverContext;
import io.dra4j.api.HostPaths;
import io.dra4j.api.NodeUnreadableException;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.device.Resources;
import io.dra4j.api.status.ClaimStatusWriter;
import io.dra4j.runtime.internal.logging.Slf4jSystemLogger;
import io.dra4j.runtime.internal.slices.PublishedDevices;
import io.dra4j.runtime.internal.slices.ResourcePublisher;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link DriverContext} a runtime hands its provider: node, host paths, publishing, clock. */
final class ProviderContext implements DriverContext {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderContext.class);

  private final RuntimeSettings settings;
  private final String driver;
  private final ResourcePublisher publisher;
  private final BooleanSupplier stopped;
  private final PublishedDevices published;
  private final System.Logger logger;

  /**
   * @param settings the runtime's settings
   * @param driver the driver name
   * @param publisher where {@link #publish} goes
   * @param stopped whether the runtime is stopped, after which publishing is refused
   * @param published where what was published is kept, for prepare's pool check and device metadata
   */
  ProviderContext(
      RuntimeSettings settings,
      String driver,
      ResourcePublisher publisher,
      BooleanSupplier stopped,
      PublishedDevices published) {
    this.settings = settings;
    this.driver = driver;
    this.publisher = publisher;
    this.stopped = stopped;
    this.published = published;
    this.logger = Slf4jSystemLogger.named("io.dra4j.driver." + driver);
  }

  @Override
  public String nodeName() {
    return settings.nodeName();
  }

  @Override
  public HostPaths hostPaths() {
    return settings.hostPaths();
  }

  @Override
  public void publish(Resources resources) {
    Objects.requireNonNull(resources, "resources");
    if (stopped.getAsBoolean()) {
      throw new IllegalStateException(
          "driver " + driver + " is stopped; publish is only possible while it runs");
    }
    LOG.info(
        "driver {} publishes {} pool(s) with {} device(s)",
        driver,
        resources.pools().size(),
        resources.pools().stream().mapToInt(p -> p.devices().size()).sum());
    publisher.publish(resources);
    published.record(resources);
  }

  @Override
  public Map<String, Quantity> nodeAllocatable() {
    try {
      return Map.copyOf(settings.kubernetes().nodeAllocatable());
    } catch (NodeUnreadableException e) {
      throw e;
    } catch (RuntimeException e) {
      // A check built on this cannot decide; it must not pass as if the node advertised nothing.
      NodeUnreadableException out =
          new NodeUnreadableException(
              nodeName(),
              "cannot read the allocatable resources of node "
                  + nodeName()
                  + " for driver "
                  + driver
                  + ": "
                  + e
                  + ". Check the driver's connection to the API server.");
      out.initCause(e);
      throw out;
    }
  }

  @Override
  public Map<String, String> settings() {
    return settings.settings();
  }

  @Override
  public Clock clock() {
    return settings.clock();
  }

  @Override
  public System.Logger logger() {
    return logger;
  }

  @Override
  public ClaimStatusWriter claimStatus() {
    return settings
        .kubernetes()
        .claimStatus()
        .<ClaimStatusWriter>map(p -> p)
        .orElseGet(
            () ->
                ClaimStatusWriter.unavailable(
                    "the Kubernetes connection of driver " + driver + " does not write claims"));
  }
}
