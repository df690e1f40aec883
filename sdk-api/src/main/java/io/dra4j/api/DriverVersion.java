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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * The version a driver publishes about itself (for example as a {@code draDriverVersion} version
 * attribute), read from a Maven-filtered properties file on the class path.
 *
 * <p>{@link #current()} is the dra4j version this SDK was built from: the drivers built in the
 * dra4j project publish it. A driver with a version of its own puts a file holding the line {@code
 * version=${project.version}} next to its provider class, turns on Maven resource filtering for
 * that file and calls {@link #of(Class, String)}.
 */
public final class DriverVersion {
  private static final String RESOURCE = "dra4j-version.properties";

  private DriverVersion() {}

  /** The dra4j version, a semantic version such as {@code 0.1.0} or {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    return of(DriverVersion.class, RESOURCE);
  }

  /**
   * The {@code version} property of a filtered properties file.
   *
   * @param anchor a class in the same package as the file (usually the provider)
   * @param resource the file name, relative to the anchor's package
   * @throws IllegalStateException when the file is missing or was not filtered
   */
  public static String of(Class<?> anchor, String resource) {
    Objects.requireNonNull(anchor, "anchor");
    Objects.requireNonNull(resource, "resource");
    String where = resource + " next to " + anchor.getName();
    try (InputStream in = anchor.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            where
                + " is missing from the jar: add it with the line version=${project.version} and"
                + " rebuild with Maven resource filtering turned on for it");
      }
      Properties p = new Properties();
      p.load(in);
      String version = p.getProperty("version", "").trim();
      if (version.isEmpty() || version.startsWith("${")) {
        throw new IllegalStateException(
            where
                + " holds no filtered version (found '"
                + version
                + "'): rebuild with Maven resource filtering turned on for it");
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + where, e);
    }
  }
}
