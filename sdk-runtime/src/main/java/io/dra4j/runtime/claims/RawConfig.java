package io.dra4j.runtime.claims;

import io.dra4j.api.config.ConfigSource;
import java.util.List;
import java.util.Objects;

/**
 * One opaque configuration entry of an allocation, not yet decoded.
 *
 * @param source class or claim
 * @param requests requests it applies to; empty means all
 * @param driver the driver the entry is for ({@code opaque.driver})
 * @param parametersJson {@code opaque.parameters} as JSON text
 */
public record RawConfig(
    ConfigSource source, List<String> requests, String driver, String parametersJson) {
  public RawConfig {
    Objects.requireNonNull(source, "source");
    requests = List.copyOf(requests);
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(parametersJson, "parametersJson");
  }
}
