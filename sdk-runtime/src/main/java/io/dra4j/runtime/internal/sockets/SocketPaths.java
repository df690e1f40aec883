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
package io.dra4j.runtime.internal.sockets;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a driver's kubelet sockets and plugin data live. Socket names follow the kubelet
 * conventions ({@code <driver>-reg.sock}, {@code <driver>/dra.sock}; with a rolling update both
 * carry the pod UID) and are shortened with a hash when the full path would not fit the 108-byte
 * unix socket limit.
 *
 * @param registrationSocket the socket the kubelet plugin watcher finds
 * @param serviceSocket the socket serving the DRA and health services
 * @param pluginDataDir the driver's directory for the checkpoint and the lock file
 */
public record SocketPaths(Path registrationSocket, Path serviceSocket, Path pluginDataDir) {

  /** Unix socket paths must be shorter than this many bytes (including the terminating NUL). */
  public static final int MAX_PATH_BYTES = 108;

  public SocketPaths {
    Objects.requireNonNull(registrationSocket, "registrationSocket");
    Objects.requireNonNull(serviceSocket, "serviceSocket");
    Objects.requireNonNull(pluginDataDir, "pluginDataDir");
  }

  /**
   * Computes the socket paths for a driver.
   *
   * @param registrarDir the kubelet plugin registry directory
   * @param pluginsDir the kubelet plugins directory; the driver's data goes to {@code
   *     <pluginsDir>/<driver>}
   * @param driver the driver name
   * @param podUid the pod UID when running with rolling updates
   * @throws SocketPathTooLongException when no socket name fits; it names the directory's setting
   *     and the message the fix
   */
  public static SocketPaths of(
      Path registrarDir, Path pluginsDir, String driver, Optional<String> podUid) {
    Path registrar = registrarDir.toAbsolutePath().normalize();
    Path plugins = pluginsDir.toAbsolutePath().normalize();
    Path dataDir = plugins.resolve(driver);
    List<Path> registration = new ArrayList<>();
    List<Path> service = new ArrayList<>();
    if (podUid.isEmpty()) {
      registration.add(registrar.resolve(driver + "-reg.sock"));
      registration.add(registrar.resolve("dra-" + hash(16, driver) + "-reg.sock"));
      service.add(dataDir.resolve("dra.sock"));
      service.add(plugins.resolve("dra-" + hash(16, driver) + ".sock"));
    } else {
      String uid = podUid.get();
      registration.add(registrar.resolve(driver + "-" + uid + "-reg.sock"));
      registration.add(registrar.resolve(driver + "-" + hash(8, uid) + "-reg.sock"));
      registration.add(registrar.resolve("dra-" + hash(16, driver + "\0" + uid) + "-reg.sock"));
      service.add(dataDir.resolve("dra-" + uid + ".sock"));
      service.add(dataDir.resolve("dra-" + hash(8, uid) + ".sock"));
      service.add(plugins.resolve("dra-" + hash(16, driver + "\0" + uid) + ".sock"));
    }
    return new SocketPaths(
        firstThatFits(registration, "registrarDir", registrar),
        firstThatFits(service, "pluginsDir", plugins),
        dataDir);
  }

  /** Whether a socket can be bound at this path. */
  public static boolean fits(Path socket) {
    return socket.toString().getBytes(StandardCharsets.UTF_8).length < MAX_PATH_BYTES;
  }

  private static Path firstThatFits(List<Path> candidates, String setting, Path dir) {
    for (Path candidate : candidates) {
      if (fits(candidate)) {
        return candidate;
      }
    }
    Path shortest = candidates.get(candidates.size() - 1);
    throw new SocketPathTooLongException(
        setting,
        "socket path "
            + shortest
            + " is "
            + shortest.toString().getBytes(StandardCharsets.UTF_8).length
            + " bytes, but unix socket paths must be shorter than "
            + MAX_PATH_BYTES
            + " bytes even after shortening the name: directory "
            + dir
            + " is too deep; use a shorter directory");
  }

  /** The first {@code bytes} bytes of SHA-256 of the text, base64url without padding. */
  static String hash(int bytes, String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
