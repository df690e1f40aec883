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

import java.util.Objects;
import java.util.Optional;

/**
 * A setting of the runtime cannot work: a missing value, an unusable directory, a port in use. When
 * one builder setting is at fault the message starts with its name ({@code cdiDir: ...}) and {@link
 * #setting()} returns it, so that a command line can name its own flag instead; the rest of the
 * message ({@link #problem()}) says what is wrong and how to fix it.
 */
public final class ConfigurationException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String problem;

  /** A problem that is not about one builder setting, such as the provider's driver name. */
  public ConfigurationException(String message) {
    this(null, message, null);
  }

  /** A problem that is not about one builder setting, with its cause. */
  public ConfigurationException(String message, Throwable cause) {
    this(null, message, cause);
  }

  private ConfigurationException(String setting, String problem, Throwable cause) {
    super(setting == null ? problem : setting + ": " + problem, cause);
    this.setting = setting;
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  /**
   * A problem with one builder setting.
   *
   * @param setting the name of the {@link DriverRuntime.Builder} method, such as {@code cdiDir}
   * @param problem what is wrong and the fix, without the setting's name
   */
  public static ConfigurationException of(String setting, String problem) {
    return new ConfigurationException(Objects.requireNonNull(setting, "setting"), problem, null);
  }

  /** A problem with one builder setting, with its cause. */
  public static ConfigurationException of(String setting, String problem, Throwable cause) {
    return new ConfigurationException(Objects.requireNonNull(setting, "setting"), problem, cause);
  }

  /** The builder setting at fault, when the problem is about one. */
  public Optional<String> setting() {
    return Optional.ofNullable(setting);
  }

  /** The message without the setting's name: what is wrong and how to fix it. */
  public String problem() {
    return problem;
  }
}
