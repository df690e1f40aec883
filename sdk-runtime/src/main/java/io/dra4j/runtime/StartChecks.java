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

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.config.ConfigKind;
import io.dra4j.api.device.Names;
import io.dra4j.runtime.internal.cdi.CdiSpecWriter;
import io.dra4j.runtime.internal.config.OpaqueConfigDecoder;
import io.dra4j.runtime.internal.sockets.SocketPathTooLongException;
import io.dra4j.runtime.internal.sockets.SocketPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The checks a runtime makes before it starts anything: the provider's driver name and config
 * kinds, and that the directories of its settings work. Each failure is a {@link
 * ConfigurationException} naming the builder setting (or the provider method) and the fix.
 */
final class StartChecks {
  private StartChecks() {}

  static void requireDriverName(String name) {
    if (!Names.isDriverName(name)) {
      throw new ConfigurationException(
          "driver name '"
              + name
              + "' must be a DNS subdomain of at most "
              + Names.DRIVER_NAME_MAX_LENGTH
              + " characters (lowercase letters, digits,"
              + " '-' and '.', like neuron.aws.com); fix driverName() of the device provider");
    }
  }

  /**
   * Asks the provider for its config kinds and builds the decoder, which rejects a record type it
   * cannot decode. Runs before the provider starts, so such a driver never publishes devices.
   */
  static OpaqueConfigDecoder configDecoder(DeviceProvider provider, String driver) {
    String who = "device provider " + provider.getClass().getName();
    List<ConfigKind<?>> kinds;
    try {
      kinds = provider.configKinds();
    } catch (RuntimeException e) {
      throw new ConfigurationException(
          "configKinds() of " + who + " threw " + e + "; fix configKinds() of the provider", e);
    }
    if (kinds == null) {
      throw new ConfigurationException(
          "configKinds() of " + who + " returned null; return List.of() when it has none");
    }
    try {
      return new OpaqueConfigDecoder(driver, kinds);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          who
              + " declares a config kind the runtime cannot decode: "
              + e.getMessage()
              + "; fix configKinds() of the provider",
          e);
    }
  }

  static SocketPaths socketPaths(RuntimeSettings settings, String driver) {
    try {
      return SocketPaths.of(
          settings.registrarDir(), settings.pluginsDir(), driver, settings.podUid());
    } catch (SocketPathTooLongException e) {
      throw ConfigurationException.of(e.directorySetting(), e.getMessage(), e);
    }
  }

  /** Checks the registry directory and creates the driver's directory below the plugins one. */
  static void requireDirectories(RuntimeSettings settings, SocketPaths paths) {
    Path registrar = settings.registrarDir();
    if (!Files.isDirectory(registrar)) {
      throw ConfigurationException.of(
          "registrarDir",
          "directory "
              + registrar
              + (Files.exists(registrar) ? " is not a directory" : " does not exist")
              + ": mount the kubelet's plugins_registry directory (hostPath"
              + " /var/lib/kubelet/plugins_registry) into the pod at this path");
    }
    requireWritable(registrar, "registrarDir");
    try {
      Files.createDirectories(paths.pluginDataDir());
    } catch (IOException e) {
      throw ConfigurationException.of(
          "pluginsDir",
          "cannot create the driver's plugin directory "
              + paths.pluginDataDir()
              + ": "
              + e
              + "; mount the kubelet's plugins directory (hostPath /var/lib/kubelet/plugins)"
              + " read-write into the pod",
          e);
    }
    requireWritable(paths.pluginDataDir(), "pluginsDir");
  }

  /** The CDI writer, once its directory exists (or was created) and is writable. */
  static CdiSpecWriter cdiWriter(Path cdiDir, String driver) {
    CdiSpecWriter cdi = new CdiSpecWriter(cdiDir, driver);
    try {
      cdi.checkWritable();
    } catch (IOException e) {
      throw ConfigurationException.of("cdiDir", e.getMessage(), e);
    }
    return cdi;
  }

  private static void requireWritable(Path dir, String setting) {
    if (!Files.isWritable(dir)) {
      throw ConfigurationException.of(
          setting, "directory " + dir + " is not writable: mount it read-write");
    }
  }
}
