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

import io.dra4j.api.DeviceProvider;
import java.util.ServiceLoader;

/** The README's main job: shows the SDK version and the device providers on the class path. */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    String version = Demo.class.getPackage().getImplementationVersion();
    System.out.println("dra4j " + (version == null ? "0.1.0-SNAPSHOT" : version));
    for (DeviceProvider p : ServiceLoader.load(DeviceProvider.class)) {
      System.out.println("  provider " + p.driverName() + " (" + p.getClass().getName() + ")");
    }
  }
}
