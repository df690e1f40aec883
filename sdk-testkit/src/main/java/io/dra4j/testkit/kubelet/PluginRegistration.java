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
package io.dra4j.testkit.kubelet;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One registered instance of a DRA driver, as the kubelet's DRA handler keeps it.
 *
 * @param driver the driver name from {@code GetInfo}
 * @param endpoint the service socket the kubelet calls
 * @param registrationSocket the socket in the registration directory that announced the plugin
 * @param draVersion the DRA service version chosen from the plugin's list, in the plugin's order
 * @param healthVersion the health service version, when the plugin advertises one
 * @param registeredAt when the instance was registered
 * @param connected whether the gRPC connection to the service socket is ready right now
 */
public record PluginRegistration(
    String driver,
    Path endpoint,
    Path registrationSocket,
    DraServiceVersion draVersion,
    Optional<HealthServiceVersion> healthVersion,
    Instant registeredAt,
    boolean connected) {
  /** Checks and copies the components. */
  public PluginRegistration {
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(registrationSocket, "registrationSocket");
    Objects.requireNonNull(draVersion, "draVersion");
    Objects.requireNonNull(healthVersion, "healthVersion");
    Objects.requireNonNull(registeredAt, "registeredAt");
  }
}
