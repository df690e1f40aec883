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
package io.dra4j.testkit.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dra4j.runtime.internal.proto.registration.RegistrationStatus;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PluginRegistrationIT extends KubeletTestSupport {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void registrationChoosesV1WhenThePluginListsItFirst() throws Exception {
    FakeDraPlugin plugin =
        plugin("gpu.example.com").versions("v1.DRAPlugin", "v1beta1.DRAPlugin").start();
    SimulatedKubelet kubelet = startKubelet(kubelet());

    PluginRegistration registration = kubelet.awaitRegistered("gpu.example.com", WAIT);

    assertThat(registration.draVersion()).isEqualTo(DraServiceVersion.V1);
    assertThat(registration.endpoint()).isEqualTo(plugin.serviceSocket);
    assertThat(registration.registrationSocket()).isEqualTo(plugin.registrationSocket);
    assertThat(registration.healthVersion()).isEmpty();
    assertThat(kubelet.registeredDrivers()).containsExactly("gpu.example.com");
    awaitRegisteredNotification(plugin);
  }

  @Test
  void registrationFollowsThePluginOrderWhenV1beta1ComesFirst() throws Exception {
    plugin("gpu.example.com").versions("v1beta1.DRAPlugin", "v1.DRAPlugin").start();
    SimulatedKubelet kubelet = startKubelet(kubelet());

    PluginRegistration registration = kubelet.awaitRegistered("gpu.example.com", WAIT);

    assertThat(registration.draVersion()).isEqualTo(DraServiceVersion.V1BETA1);
  }

  @Test
  void unknownVersionsBeforeAKnownOneAreSkipped() throws Exception {
    plugin("gpu.example.com").versions("v1alpha4.DRAPlugin", "v1beta1.DRAPlugin").start();
    SimulatedKubelet kubelet = startKubelet(kubelet());

    assertThat(kubelet.awaitRegistered("gpu.example.com", WAIT).draVersion())
        .isEqualTo(DraServiceVersion.V1BETA1);
  }

  @Test
  void healthServiceV1IsPreferredOverV1alpha1() throws Exception {
    plugin("gpu.example.com")
        .versions("v1.DRAPlugin", "v1alpha1.DRAResourceHealth", "v1.DRAResourceHealth")
        .start();
    SimulatedKubelet kubelet = startKubelet(kubelet());

    assertThat(kubelet.awaitRegistered("gpu.example.com", WAIT).healthVersion())
        .contains(HealthServiceVersion.V1);
  }

  @Test
  void unsupportedVersionsAreRejectedWithNotifyFalseAndAMessage() throws Exception {
    FakeDraPlugin plugin =
        plugin("gpu.example.com").versions("v1alpha3.DRAPlugin", "v2.DRAPlugin").start();
    SimulatedKubelet kubelet = startKubelet(kubelet());

    await().atMost(WAIT).untilAsserted(() -> assertThat(plugin.notifications).isNotEmpty());
    RegistrationStatus status = plugin.notifications.get(0);
    assertThat(status.getPluginRegistered()).isFalse();
    assertThat(status.getError())
        .contains("plugin validation failed")
        .contains("[v1alpha3.DRAPlugin, v2.DRAPlugin]")
        .contains("v1.DRAPlugin");
    assertThat(kubelet.registeredDrivers()).isEmpty();
    assertThat(kubelet.registration("gpu.example.com")).isEmpty();
  }

  @Test
  void emptyVersionListIsRejected() throws Exception {
    FakeDraPlugin plugin = plugin("gpu.example.com").versions().start();
    startKubelet(kubelet());

    await().atMost(WAIT).untilAsserted(() -> assertThat(plugin.notifications).isNotEmpty());
    assertThat(plugin.notifications.get(0).getError())
        .contains("empty list for supported versions");
  }

  @Test
  void pluginOfAnotherTypeIsRejected() throws Exception {
    FakeDraPlugin plugin = plugin("csi.example.com").type("CSIPlugin").start();
    SimulatedKubelet kubelet = startKubelet(kubelet());

    await().atMost(WAIT).untilAsserted(() -> assertThat(plugin.notifications).isNotEmpty());
    assertThat(plugin.notifications.get(0).getPluginRegistered()).isFalse();
    assertThat(plugin.notifications.get(0).getError())
        .contains("no handler registered for plugin type: CSIPlugin");
    assertThat(kubelet.registeredDrivers()).isEmpty();
  }

  @Test
  void getInfoSlowerThanTheTimeoutFailsAndIsRetriedWithBackoff() throws Exception {
    FakeDraPlugin plugin =
        plugin("gpu.example.com").slowGetInfo(2, Duration.ofMillis(1500)).start();
    SimulatedKubelet kubelet = startKubelet(kubelet());

    kubelet.awaitRegistered("gpu.example.com", Duration.ofSeconds(20));

    // Two slow answers fail; on a loaded machine a later attempt may fail too, never fewer.
    assertThat(plugin.getInfoCalls()).isGreaterThanOrEqualTo(3);
    List<String> failures =
        kubelet.events().stream()
            .map(KubeletEvent::message)
            .filter(m -> m.startsWith("registration failed"))
            .toList();
    assertThat(failures).hasSize(plugin.getInfoCalls() - 1);
    assertThat(failures.get(0))
        .contains("GetInfo")
        .contains("DEADLINE_EXCEEDED")
        .endsWith("retrying in 500 ms");
    assertThat(failures.get(1)).endsWith("retrying in 1000 ms");
    awaitRegisteredNotification(plugin);
  }

  @Test
  void staleSocketWithoutAListenerFailsToDialAndIsRetried() throws Exception {
    Path socket = registrarDir.resolve("gpu.example.com-reg.sock");
    try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      listener.bind(UnixDomainSocketAddress.of(socket));
    }
    assertThat(socket).exists();
    SimulatedKubelet kubelet = startKubelet(kubelet().dialTimeout(Duration.ofMillis(300)));

    await()
        .atMost(WAIT)
        .until(
            () ->
                kubelet.events().stream()
                    .anyMatch(e -> e.message().contains("failed to dial socket " + socket)));
    plugin("gpu.example.com").start();

    kubelet.awaitRegistered("gpu.example.com", WAIT);
  }

  @Test
  void awaitRegisteredFailsWithTheKubeletView() {
    SimulatedKubelet kubelet = startKubelet(kubelet());

    assertThatThrownBy(() -> kubelet.awaitRegistered("absent.example.com", Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("DRA driver absent.example.com did not register")
        .hasMessageContaining("registered plugins: (none)")
        .hasMessageContaining("started on node node-1");
  }

  @Test
  void deletedSocketDeregistersAndWipesSlicesAfterTheDelay() throws Exception {
    List<String> wiped = new CopyOnWriteArrayList<>();
    FakeDraPlugin plugin = plugin("gpu.example.com").start();
    SimulatedKubelet kubelet =
        startKubelet(
            kubelet()
                .wipingDelay(Duration.ofMillis(300))
                .sliceWiper((driver, node) -> wiped.add(driver + "@" + node)));
    kubelet.awaitRegistered("gpu.example.com", WAIT);
    assertThat(wiped).isEmpty();

    plugin.close();

    await().atMost(WAIT).untilAsserted(() -> assertThat(kubelet.registeredDrivers()).isEmpty());
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(wiped).containsExactly("gpu.example.com@node-1"));
  }

  @Test
  void driverThatComesBackBeforeTheDelayIsNotWiped() throws Exception {
    List<String> wiped = new CopyOnWriteArrayList<>();
    FakeDraPlugin first = plugin("gpu.example.com").start();
    SimulatedKubelet kubelet =
        startKubelet(
            kubelet()
                .wipingDelay(Duration.ofSeconds(5))
                .sliceWiper((driver, node) -> wiped.add(driver)));
    kubelet.awaitRegistered("gpu.example.com", WAIT);

    first.close();
    await().atMost(WAIT).until(() -> kubelet.registeredDrivers().isEmpty());
    plugin("gpu.example.com").start();
    kubelet.awaitRegistered("gpu.example.com", WAIT);

    assertThat(kubelet.events())
        .extracting(KubeletEvent::message)
        .anyMatch(m -> m.startsWith("slice wiping cancelled"));
    assertThat(wiped).isEmpty();
  }

  @Test
  void recreatedSocketIsDeregisteredAndRegisteredAgain() throws Exception {
    FakeDraPlugin first = plugin("gpu.example.com").start();
    SimulatedKubelet kubelet = startKubelet(kubelet());
    PluginRegistration before = kubelet.awaitRegistered("gpu.example.com", WAIT);

    first.close();
    FakeDraPlugin second = plugin("gpu.example.com").start();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              Optional<PluginRegistration> now = kubelet.registration("gpu.example.com");
              assertThat(now).isPresent();
              assertThat(now.get().registeredAt()).isAfter(before.registeredAt());
              assertThat(now.get().connected()).isTrue();
            });
    awaitRegisteredNotification(second);
    assertThat(kubelet.events())
        .extracting(KubeletEvent::message)
        .anyMatch(m -> m.startsWith("deregistered " + first.serviceSocket));
  }

  @Test
  void rollingUpdateKeepsBothInstancesAndPrefersTheNewest() throws Exception {
    String driver = "gpu.example.com";
    FakeDraPlugin old =
        closeLater(
                new FakeDraPlugin(
                    driver,
                    registrarDir.resolve(driver + "-pod1-reg.sock"),
                    pluginsDir.resolve(driver).resolve("dra-pod1.sock")))
            .start();
    SimulatedKubelet kubelet = startKubelet(kubelet());
    kubelet.awaitRegistered(driver, WAIT);

    FakeDraPlugin fresh =
        closeLater(
                new FakeDraPlugin(
                    driver,
                    registrarDir.resolve(driver + "-pod2-reg.sock"),
                    pluginsDir.resolve(driver).resolve("dra-pod2.sock")))
            .start();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(kubelet.registrations(driver)).hasSize(2);
              assertThat(kubelet.registration(driver).get().endpoint())
                  .isEqualTo(fresh.serviceSocket);
            });

    fresh.close();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(kubelet.registration(driver).get().endpoint())
                    .isEqualTo(old.serviceSocket));
  }

  @Test
  void duplicateEndpointIsRejected() throws Exception {
    String driver = "gpu.example.com";
    Path service = pluginsDir.resolve(driver).resolve("dra.sock");
    FakeDraPlugin first =
        closeLater(new FakeDraPlugin(driver, registrarDir.resolve("a-reg.sock"), service)).start();
    SimulatedKubelet kubelet = startKubelet(kubelet());
    kubelet.awaitRegistered(driver, WAIT);

    // A second registration socket announcing the service socket of the first.
    FakeDraPlugin duplicate =
        closeLater(new FakeDraPlugin(driver, registrarDir.resolve("b-reg.sock"), service));
    duplicate.startRegistrationOnly();

    await().atMost(WAIT).untilAsserted(() -> assertThat(duplicate.notifications).isNotEmpty());
    assertThat(duplicate.notifications.get(0).getPluginRegistered()).isFalse();
    assertThat(duplicate.notifications.get(0).getError()).contains("is already registered");
    assertThat(kubelet.registrations(driver)).hasSize(1);
    awaitRegisteredNotification(first);
  }

  @Test
  void socketsInSubdirectoriesRegisterAndDotNamesAreIgnored() throws Exception {
    FakeDraPlugin hidden =
        closeLater(
                new FakeDraPlugin(
                    "hidden.example.com",
                    registrarDir.resolve(".hidden-reg.sock"),
                    pluginsDir.resolve("hidden").resolve("dra.sock")))
            .start();
    SimulatedKubelet kubelet = startKubelet(kubelet());
    Files.createDirectories(registrarDir.resolve("nested"));
    closeLater(
            new FakeDraPlugin(
                "nested.example.com",
                registrarDir.resolve("nested").resolve("n-reg.sock"),
                pluginsDir.resolve("nested").resolve("dra.sock")))
        .start();

    kubelet.awaitRegistered("nested.example.com", WAIT);
    assertThat(kubelet.registeredDrivers()).containsExactly("nested.example.com");
    assertThat(hidden.getInfoCalls()).isZero();
  }

  /**
   * Notify(true) follows the registration, so it may arrive a moment after the kubelet shows it.
   */
  private static void awaitRegisteredNotification(FakeDraPlugin plugin) {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(plugin.notifications)
                    .extracting(RegistrationStatus::getPluginRegistered)
                    .containsExactly(true));
  }
}
