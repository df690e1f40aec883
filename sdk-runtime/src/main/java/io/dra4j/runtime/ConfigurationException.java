package io.dra4j.runtime;

/**
 * A setting of the runtime cannot work: a missing value, an unusable directory, a bad flag. The
 * message names the setting (its flag and environment variable) and how to fix it.
 */
public final class ConfigurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
