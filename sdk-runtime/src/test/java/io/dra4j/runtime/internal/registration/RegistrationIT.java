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
package io.dra4j.runtime.internal.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dra4j.api.health.DeviceHealth;
import io.dra4j.runtime.DriverRuntime;
import io.dra4j.runtime.FakeKubelet;
import io.dra4j.runtime.NodeFixture;
import io.dra4j.runtime.TestProvider;
import io.dra4j.runtime.internal.proto.registration.PluginInfo;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistrationIT {
  private final NodeFixture node = new NodeFixture();
  private DriverRuntime runtime;
  private FakeKubelet kubelet;

  private void start(TestProvider provider) throws Exception {
    runtime = node.runtime(provider).build().start();
    kubelet = new FakeKubelet(runtime);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (kubelet != null) {
      kubelet.close();
    }
    if (runtime != null) {
      runtime.close();
    }
    node.close();
  }

  @Test
  void getInfoAdvertisesDraVersionsInPreferenceOrderAndTheAbsoluteServiceSocket() throws Exception {
    start(new TestProvider());

    PluginInfo info = kubelet.getInfo();

    assertThat(info.getType()).isEqualTo("DRAPlugin");
    assertThat(info.getName()).isEqualTo(TestProvider.DRIVER);
    assertThat(info.getEndpoint())
        .isEqualTo(node.plugins.resolve(TestProvider.DRIVER).resolve("dra.sock").toString());
    assertThat(info.getSupportedVersionsList())
        .containsExactly("v1.DRAPlugin", "v1beta1.DRAPlugin");
    assertThat(runtime.registrationSocket())
        .isEqualTo(node.registrar.resolve(TestProvider.DRIVER + "-reg.sock"));
  }

  @Test
  void getInfoAdvertisesHealthServicesAfterDraWhenTheProviderHasAHealthCheck() throws Exception {
    start(
        new TestProvider(
            TestProvider.DRIVER,
            1,
            Optional.of(() -> List.of(DeviceHealth.healthy("pool-a", "dev-0")))));

    assertThat(kubelet.getInfo().getSupportedVersionsList())
        .containsExactly(
            "v1.DRAPlugin",
            "v1beta1.DRAPlugin",
            "v1alpha1.DRAResourceHealth",
            "v1.DRAResourceHealth");
  }

  @Test
  void statusIsNotYetUntilTheKubeletReports() throws Exception {
    start(new TestProvider());

    assertThat(runtime.registrationStatus()).isEqualTo(RegistrationStatus.NOT_YET);
  }

  @Test
  void successfulNotificationMarksThePluginRegistered() throws Exception {
    start(new TestProvider());

    kubelet.notify(true, "");

    assertThat(runtime.registrationStatus()).isEqualTo(RegistrationStatus.REGISTERED);
    assertThat(runtime.registrationStatus().isRegistered()).isTrue();
  }

  @Test
  void failedNotificationKeepsTheKubeletMessageAndStillAnswersOk() throws Exception {
    start(new TestProvider());

    kubelet.notify(false, "plugin gpu.example.com: no supported versions");

    assertThat(runtime.registrationStatus())
        .isEqualTo(RegistrationStatus.failed("plugin gpu.example.com: no supported versions"));
    kubelet.notify(true, "");
    await().until(() -> runtime.registrationStatus().isRegistered());
  }
}
