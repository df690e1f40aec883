package ${package};

import io.dra4j.api.config.ValidatedConfig;
import java.util.Optional;

/**
 * The opaque configuration a DeviceClass or a ResourceClaim gives this driver, as {@code
 * apiVersion: ${driverName}/v1, kind: ${className}Config}. The SDK decodes it strictly: an unknown
 * field, a wrong type or a value that {@code validate()} refuses fails only that claim, with a
 * message that names the claim and the field.
 *
 * @param mode how the device runs (required)
 * @param priority the scheduling priority, 0 to 7 (optional)
 */
## snippet:config
public record ${className}Config(Mode mode, Optional<Integer> priority) implements ValidatedConfig {

  /** The lowest priority. */
  public static final int MIN_PRIORITY = 0;

  /** The highest priority. */
  public static final int MAX_PRIORITY = 7;

  /** How the device runs. */
  public enum Mode {
    DEFAULT,
    PERFORMANCE,
    POWER_SAVE
  }

  @Override
  public void validate() {
    priority.ifPresent(
        p -> {
          if (p < MIN_PRIORITY || p > MAX_PRIORITY) {
            throw new IllegalArgumentException(
                "priority is %d: allowed values are %d to %d"
                    .formatted(p, MIN_PRIORITY, MAX_PRIORITY));
          }
        });
  }
}
## end:config
