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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderLoaderTest {

  private static final String SERVICES = "META-INF/services/" + DeviceProvider.class.getName();

  @TempDir Path dir;

  /** Serves one real service file for DeviceProvider and loads classes from the test class path. */
  private static final class ServicesClassLoader extends ClassLoader {
    private final URL services;

    ServicesClassLoader(URL services) {
      super(ProviderLoaderTest.class.getClassLoader());
      this.services = services;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name.equals(SERVICES)) {
        return Collections.enumeration(List.of(services));
      }
      return super.getResources(name);
    }
  }

  private ClassLoader registering(Class<?>... providers) {
    StringBuilder text = new StringBuilder("# test providers\n");
    for (Class<?> p : providers) {
      text.append(p.getName()).append('\n');
    }
    try {
      Path file = Files.writeString(dir.resolve("services"), text.toString());
      return new ServicesClassLoader(file.toUri().toURL());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void noProviderFailsWithHowToRegisterOne() {
    assertThatThrownBy(() -> ProviderLoader.loadOne(registering(), Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no device provider found")
        .hasMessageContaining("@AutoService(DeviceProvider.class)");
  }

  @Test
  void theOnlyProviderIsLoaded() {
    DeviceProvider p =
        ProviderLoader.loadOne(registering(TestProviders.Alpha.class), Optional.empty());

    assertThat(p).isInstanceOf(TestProviders.Alpha.class);
    assertThat(p.driverName()).isEqualTo("alpha.example.com");
  }

  @Test
  void severalProvidersWithoutAChoiceFailAndListThem() {
    ClassLoader loader = registering(TestProviders.Beta.class, TestProviders.Alpha.class);

    assertThatThrownBy(() -> ProviderLoader.loadOne(loader, Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("found 2 device providers")
        .hasMessageContaining(
            TestProviders.Alpha.class.getName() + ", " + TestProviders.Beta.class.getName())
        .hasMessageContaining("--provider");
  }

  @Test
  void severalProvidersWithAChoiceLoadTheChosenOne() {
    ClassLoader loader = registering(TestProviders.Alpha.class, TestProviders.Beta.class);

    DeviceProvider p =
        ProviderLoader.loadOne(loader, Optional.of(TestProviders.Beta.class.getName()));

    assertThat(p).isInstanceOf(TestProviders.Beta.class);
  }

  @Test
  void aChosenProviderThatIsNotRegisteredFailsAndListsTheRegisteredOnes() {
    ClassLoader loader = registering(TestProviders.Alpha.class);

    assertThatThrownBy(() -> ProviderLoader.loadOne(loader, Optional.of("com.example.Missing")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("com.example.Missing was requested but is not registered")
        .hasMessageContaining("registered providers: " + TestProviders.Alpha.class.getName());
    assertThatThrownBy(
            () -> ProviderLoader.loadOne(registering(), Optional.of("com.example.Missing")))
        .hasMessageContaining("registered providers: none");
  }

  @Test
  void aProviderWhoseConstructorThrowsFailsWithTheCause() {
    ClassLoader loader = registering(TestProviders.Broken.class);

    assertThatThrownBy(() -> ProviderLoader.loadOne(loader, Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not be loaded")
        .hasMessageContaining("public no-argument constructor")
        .hasRootCauseMessage("no devices here");
  }

  @Test
  void aRegisteredClassThatDoesNotExistFailsClearly() throws IOException {
    Path file = Files.writeString(dir.resolve("services"), "com.example.Gone\n");
    ClassLoader loader = new ServicesClassLoader(file.toUri().toURL());

    assertThatThrownBy(() -> ProviderLoader.loadOne(loader, Optional.empty()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("com.example.Gone");
  }
}
