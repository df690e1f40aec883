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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SocketPathsTest {
  private static final Path REGISTRAR = Path.of("/var/lib/kubelet/plugins_registry");
  private static final Path PLUGINS = Path.of("/var/lib/kubelet/plugins");
  private static final String UID = "0b7a9c61-5d7e-4f0e-9a3c-2f1e8d6b4a90";
  private static final String LONGEST = "a".repeat(30) + "." + "b".repeat(32);

  private static int bytes(Path p) {
    return p.toString().getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void defaultsFollowTheKubeletConventions() {
    SocketPaths paths = SocketPaths.of(REGISTRAR, PLUGINS, "gpu.example.com", Optional.empty());

    assertThat(paths.registrationSocket())
        .isEqualTo(Path.of("/var/lib/kubelet/plugins_registry/gpu.example.com-reg.sock"));
    assertThat(paths.serviceSocket())
        .isEqualTo(Path.of("/var/lib/kubelet/plugins/gpu.example.com/dra.sock"));
    assertThat(paths.pluginDataDir())
        .isEqualTo(Path.of("/var/lib/kubelet/plugins/gpu.example.com"));
  }

  @Test
  void rollingUpdateNamesCarryThePodUidWhenTheyFit() {
    SocketPaths paths = SocketPaths.of(REGISTRAR, PLUGINS, "gpu.example.com", Optional.of(UID));

    assertThat(paths.registrationSocket().getFileName().toString())
        .isEqualTo("gpu.example.com-" + UID + "-reg.sock");
    assertThat(paths.serviceSocket().getFileName().toString()).isEqualTo("dra-" + UID + ".sock");
  }

  @Test
  void aMaximalDriverNameWithAPodUidIsShortenedBelow108Bytes() {
    assertThat(LONGEST).hasSize(63);

    SocketPaths paths = SocketPaths.of(REGISTRAR, PLUGINS, LONGEST, Optional.of(UID));

    assertThat(bytes(paths.registrationSocket())).isLessThan(108);
    assertThat(bytes(paths.serviceSocket())).isLessThan(108);
    assertThat(paths.registrationSocket().getFileName().toString())
        .isEqualTo("dra-" + SocketPaths.hash(16, LONGEST + "\0" + UID) + "-reg.sock");
    assertThat(paths.serviceSocket())
        .isEqualTo(PLUGINS.resolve("dra-" + SocketPaths.hash(16, LONGEST + "\0" + UID) + ".sock"));
  }

  @Test
  void aMediumDriverNameKeepsTheDriverAndHashesOnlyThePodUid() {
    String driver = "d".repeat(40) + ".example.com";

    SocketPaths paths = SocketPaths.of(REGISTRAR, PLUGINS, driver, Optional.of(UID));

    assertThat(paths.registrationSocket().getFileName().toString())
        .isEqualTo(driver + "-" + SocketPaths.hash(8, UID) + "-reg.sock");
    assertThat(bytes(paths.registrationSocket())).isLessThan(108);
  }

  @Test
  void aDeepDirectoryFallsBackToTheFullyHashedNames() {
    Path deep = Path.of("/" + "d".repeat(50));
    SocketPaths paths =
        SocketPaths.of(
            deep.resolve("registry"), deep.resolve("plugins"), LONGEST, Optional.of(UID));

    assertThat(bytes(paths.registrationSocket())).isLessThan(108);
    assertThat(bytes(paths.serviceSocket())).isLessThan(108);
    assertThat(paths.registrationSocket().getFileName().toString())
        .startsWith("dra-")
        .endsWith("-reg.sock");
    assertThat(paths.serviceSocket().getParent()).isEqualTo(deep.resolve("plugins"));
  }

  @Test
  void shortenedNamesDifferPerPodAndAreStable() {
    Path deep = Path.of("/" + "d".repeat(50));
    SocketPaths a = SocketPaths.of(deep, deep, LONGEST, Optional.of(UID));
    SocketPaths b = SocketPaths.of(deep, deep, LONGEST, Optional.of("other-uid"));

    assertThat(a.registrationSocket()).isNotEqualTo(b.registrationSocket());
    assertThat(a.serviceSocket()).isNotEqualTo(b.serviceSocket());
    assertThat(SocketPaths.of(deep, deep, LONGEST, Optional.of(UID))).isEqualTo(a);
  }

  @Test
  void aDirectoryTooDeepForAnyNameIsRejectedNamingTheSetting() {
    Path tooDeep = Path.of("/" + "d".repeat(90));

    assertThatThrownBy(() -> SocketPaths.of(tooDeep, PLUGINS, LONGEST, Optional.of(UID)))
        .isInstanceOfSatisfying(
            SocketPathTooLongException.class,
            e -> assertThat(e.directorySetting()).isEqualTo("registrarDir"))
        .hasMessageContaining(tooDeep.toString())
        .hasMessageContaining("use a shorter directory")
        .hasMessageNotContaining("--");
  }

  @Test
  void aPluginsDirectoryTooDeepForAnyNameNamesItsSetting() {
    Path tooDeep = Path.of("/" + "p".repeat(100));

    assertThatThrownBy(() -> SocketPaths.of(PLUGINS, tooDeep, LONGEST, Optional.of(UID)))
        .isInstanceOfSatisfying(
            SocketPathTooLongException.class,
            e -> assertThat(e.directorySetting()).isEqualTo("pluginsDir"));
  }
}
