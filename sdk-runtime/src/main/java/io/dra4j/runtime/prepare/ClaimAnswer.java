package io.dra4j.runtime.prepare;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome for one claim of a prepare or unprepare call: the prepared devices, or an error that
 * the kubelet shows in the pod's events.
 *
 * @param devices prepared devices (empty for unprepare and on error)
 * @param error what went wrong and how to fix it
 */
public record ClaimAnswer(List<DeviceAnswer> devices, Optional<String> error) {
  public ClaimAnswer {
    devices = List.copyOf(devices);
    Objects.requireNonNull(error, "error");
  }

  /** Success with the given devices. */
  public static ClaimAnswer ok(List<DeviceAnswer> devices) {
    return new ClaimAnswer(devices, Optional.empty());
  }

  /** Success without devices (unprepare). */
  public static ClaimAnswer ok() {
    return new ClaimAnswer(List.of(), Optional.empty());
  }

  /** A per-claim failure. */
  public static ClaimAnswer failed(String error) {
    return new ClaimAnswer(List.of(), Optional.of(error));
  }

  public boolean failed() {
    return error.isPresent();
  }
}
