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
package io.dra4j.runtime.internal.registration;

import java.util.Objects;

/**
 * What the kubelet last reported about this plugin's registration: not yet reported, registered, or
 * failed with the kubelet's message.
 */
public sealed interface RegistrationStatus {

  /** The kubelet has not reported yet. */
  RegistrationStatus NOT_YET = new NotYet();

  /** The kubelet registered the plugin. */
  RegistrationStatus REGISTERED = new Registered();

  /** A failure with the kubelet's message. */
  static RegistrationStatus failed(String message) {
    return new Failed(message);
  }

  /** Whether the kubelet registered the plugin. */
  default boolean isRegistered() {
    return this instanceof Registered;
  }

  /** The kubelet has not called {@code NotifyRegistrationStatus} yet. */
  record NotYet() implements RegistrationStatus {}

  /** The kubelet accepted the plugin. */
  record Registered() implements RegistrationStatus {}

  /**
   * The kubelet rejected the plugin.
   *
   * @param message the kubelet's reason
   */
  record Failed(String message) implements RegistrationStatus {
    public Failed {
      Objects.requireNonNull(message, "message");
    }
  }
}
