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
package io.dra4j.driver.neuron;

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.images.launch.ImageTrial;
import io.dra4j.images.launch.ImageTrial.TrialResult;
import io.dra4j.images.launch.Isolation;
import io.dra4j.images.tarball.ImageTarball;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the driver image built by the image profile: its layers unpacked, its entry point started
 * (in a chroot with a read-only root, as the image's user, when the test runs as root) on a
 * simulated trn2.48xlarge node, up to registration with the kubelet and published devices.
 */
@EnabledIfSystemProperty(named = "dra4j.image.tar", matches = ".+")
class NeuronImageIT {
  @TempDir Path dir;

  @Test
  void imageRegistersWithTheKubeletAndPublishesEveryNeuronDeviceOfTheNode() {
    ImageTarball image =
        ImageTarball.open(Path.of(System.getProperty("dra4j.image.tar")), dir.resolve("oci"));
    Path rootfs = image.unpack(dir.resolve("rootfs"));
    Isolation isolation = Isolation.best();

    TrialResult run =
        ImageTrial.builder(rootfs, image.config(), dir)
            .isolation(isolation)
            .requireAotCacheWhenPresent()
            .run();

    assertThat(run.plugin().type()).isEqualTo("DRAPlugin");
    assertThat(run.plugin().name()).isEqualTo("neuron.aws.com");
    assertThat(run.plugin().supportedVersions()).isNotEmpty();
    assertThat(run.devices()).as("devices published for the 16 Neuron devices").isEqualTo(16);
    assertThat(run.exitCode()).as("exit code after SIGTERM").isIn(0, 143);
    assertThat(run.registrySocketsAfterStop()).isZero();
    if (isolation == Isolation.CHROOT) {
      assertThat(image.config().uid()).as("the image's default user").isNotZero();
      assertThat(run.uid()).hasValue(image.config().uid());
    }
  }
}
