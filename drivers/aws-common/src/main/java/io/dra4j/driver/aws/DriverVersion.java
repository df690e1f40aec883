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
package io.dra4j.driver.aws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The dra4j version the drivers were built from, published as {@code draDriverVersion}. */
public final class DriverVersion {
  private static final String RESOURCE = "dra4j-version.properties";

  private DriverVersion() {}

  /** The project version, a semantic version such as {@code 0.1.0} or {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    try (InputStream in = DriverVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is missing from the driver jar: rebuild it with Maven resource filtering");
      }
      Properties p = new Properties();
      p.load(in);
      String version = p.getProperty("version", "").trim();
      if (version.isEmpty() || version.startsWith("${")) {
        throw new IllegalStateException(
            RESOURCE + " holds no filtered version: rebuild the driver with Maven");
      }
      return version;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
