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
package io.dra4j.examples.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the YAML files the demo applies from the class path. */
final class ClassPathText {
  private ClassPathText() {}

  /**
   * The UTF-8 text of a class-path resource.
   *
   * @param whereFrom how the resource gets into the build, for the message when it is missing
   * @throws IllegalStateException when it is missing
   */
  static String read(String resource, String whereFrom) {
    try (InputStream in = ClassPathText.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource
                + " is missing from the class path; "
                + whereFrom
                + ": rebuild with ./mvnw -q -pl examples -am package -DskipTests");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
