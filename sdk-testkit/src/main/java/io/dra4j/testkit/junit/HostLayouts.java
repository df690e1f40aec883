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
package io.dra4j.testkit.junit;

import io.dra4j.testkit.fixtures.HostLayout;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/** Creates the {@link HostLayout}s named by {@link DraTest#fixture()}. */
final class HostLayouts {
  private HostLayouts() {}

  /**
   * An instance of {@code type} made with its no-argument constructor, which may be private.
   *
   * @throws ExtensionConfigurationException naming the class, the rule it breaks and the fix
   */
  static HostLayout instantiate(Class<? extends HostLayout> type, Class<?> testClass) {
    String where = "@DraTest fixture " + type.getName() + " of " + testClass.getName();
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      throw new ExtensionConfigurationException(
          where + " is abstract: name a concrete class that implements HostLayout");
    }
    if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
      throw new ExtensionConfigurationException(
          where + " is an inner class: declare it static so it can be created on its own");
    }
    Constructor<? extends HostLayout> constructor;
    try {
      constructor = type.getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      throw new ExtensionConfigurationException(
          where + " has no no-argument constructor: add one (it may be private)", e);
    }
    try {
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw new ExtensionConfigurationException(
          where + " failed in its constructor: " + e.getCause(), e.getCause());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExtensionConfigurationException(where + " cannot be created: " + e, e);
    }
  }
}
