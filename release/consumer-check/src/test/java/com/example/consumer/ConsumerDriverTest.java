package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dra4j.api.DeviceProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

class ConsumerDriverTest {

  @Test
  void driverIsFoundLikeTheRuntimeFindsIt() {
    List<String> names = new ArrayList<>();
    ServiceLoader.load(DeviceProvider.class).forEach(p -> names.add(p.driverName()));
    assertEquals(List.of("consumer.example.com"), names);
  }

  @Test
  void releasedJarsNameTheirModules() throws IOException {
    List<String> modules = new ArrayList<>();
    for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/MANIFEST.MF"))) {
      try (InputStream in = url.openStream()) {
        String name = new Manifest(in).getMainAttributes().getValue("Automatic-Module-Name");
        if (name != null && name.startsWith("io.dra4j.")) {
          modules.add(name);
        }
      }
    }
    assertTrue(modules.contains("io.dra4j.sdk.api"), "sdk-api on the class path: " + modules);
    assertTrue(modules.contains("io.dra4j.sdk.runtime"), "sdk-runtime at run time: " + modules);
  }
}
