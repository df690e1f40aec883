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
package io.dra4j.api.status;

import io.dra4j.api.device.Names;
import io.dra4j.api.device.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One condition of an allocated device, as in {@code status.devices[].conditions}: for example
 * {@code Ready}, or a binding condition a scheduler waits for. Checked as the API server checks a
 * {@code metav1.Condition}.
 *
 * @param type a label key such as {@code Ready} or {@code dra.example.com/attached}
 * @param status true, false or unknown
 * @param reason a CamelCase word, {@code [A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?}, at most 1024
 *     bytes
 * @param message a human readable message, at most 32768 bytes; may be empty
 * @param observedGeneration the claim generation the condition was set for; 0 when not tracked
 * @param lastTransitionTime when the status last changed; empty lets the writer set it (now when
 *     the status changes, else the time already recorded)
 */
public record DeviceCondition(
    String type,
    Status status,
    String reason,
    String message,
    long observedGeneration,
    Optional<Instant> lastTransitionTime) {

  /** The most bytes of {@link #reason()}. */
  public static final int REASON_MAX_LENGTH = 1024;

  /** The most bytes of {@link #message()}. */
  public static final int MESSAGE_MAX_LENGTH = 32 * 1024;

  private static final Pattern REASON = Pattern.compile("[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?");

  /** The status of a condition. */
  public enum Status {
    /** The condition holds. */
    TRUE("True"),
    /** The condition does not hold. */
    FALSE("False"),
    /** The condition cannot be determined. */
    UNKNOWN("Unknown");

    private final String wire;

    Status(String wire) {
      this.wire = wire;
    }

    /** The API spelling: {@code True}, {@code False} or {@code Unknown}. */
    public String wire() {
      return wire;
    }

    /**
     * The status spelled as the API does.
     *
     * @throws ValidationException for anything but {@code True}, {@code False} or {@code Unknown}
     */
    public static Status fromWire(String value) {
      for (Status s : values()) {
        if (s.wire.equals(value)) {
          return s;
        }
      }
      throw new ValidationException(
          "condition", "status", String.valueOf(value), "must be True, False or Unknown");
    }
  }

  /** Checks the components. */
  public DeviceCondition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(lastTransitionTime, "lastTransitionTime");
    if (!Names.isLabelKey(type)) {
      throw new ValidationException(
          "condition",
          "type",
          type,
          "must be a label key: an optional DNS subdomain and '/', then at most 63 letters,"
              + " digits, '-', '_' or '.', starting and ending with a letter or digit, like Ready"
              + " or dra.example.com/attached");
    }
    String owner = "condition " + type;
    if (!REASON.matcher(reason).matches()) {
      throw new ValidationException(
          owner,
          "reason",
          reason,
          "must start with a letter, then letters, digits, '_', ',' or ':', and end with a"
              + " letter, digit or '_', like DeviceConfigured");
    }
    if (bytes(reason) > REASON_MAX_LENGTH) {
      throw new ValidationException(
          owner, "reason", reason, "must be at most " + REASON_MAX_LENGTH + " bytes");
    }
    if (bytes(message) > MESSAGE_MAX_LENGTH) {
      throw new ValidationException(
          owner,
          "message",
          message.substring(0, 40) + "...",
          "must be at most " + MESSAGE_MAX_LENGTH + " bytes, has " + bytes(message));
    }
    if (observedGeneration < 0) {
      throw new ValidationException(
          owner, "observedGeneration", String.valueOf(observedGeneration), "must be 0 or more");
    }
  }

  /** A condition whose transition time the writer sets, for no particular claim generation. */
  public static DeviceCondition of(String type, Status status, String reason, String message) {
    return new DeviceCondition(type, status, reason, message, 0, Optional.empty());
  }

  static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
