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
package io.dra4j.runtime.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.prepare.ClaimRef;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataLayoutTest {
  private static final String UID = "0f6a1c2e-7d2b-4c1a-9a55-3c1e2d4b5a60";
  private final MetadataLayout layout =
      new MetadataLayout(
          "neuron.aws.com", Path.of("/var/lib/kubelet/plugins/neuron.aws.com"), Path.of("/cdi"));

  @Test
  void hostFilesAreKeyedByClaimUidAndRequest() {
    assertThat(layout.hostFile(UID, "gpu"))
        .isEqualTo(
            Path.of(
                "/var/lib/kubelet/plugins/neuron.aws.com/dra-device-metadata/"
                    + UID
                    + "/gpu/metadata.json"));
  }

  @Test
  void cdiNamesFollowTheGoHelper() {
    assertThat(layout.specFile(UID, "gpu"))
        .isEqualTo(Path.of("/cdi/neuron.aws.com_metadata_" + UID + "_gpu.json"));
    assertThat(layout.cdiDeviceId(UID, "gpu")).isEqualTo("neuron.aws.com/metadata=" + UID + "_gpu");
  }

  @Test
  void aDirectClaimAppearsUnderResourceclaimsAndATemplateClaimUnderItsPodName() {
    ClaimRef claim = new ClaimRef("team-a", "train-gpus", UID);

    assertThat(layout.containerFile(claim, Optional.empty(), "neurons"))
        .isEqualTo(
            "/var/run/kubernetes.io/dra-device-attributes/resourceclaims/train-gpus/neurons/"
                + "neuron.aws.com-metadata.json");
    assertThat(layout.containerFile(claim, Optional.of("accel"), "neurons"))
        .isEqualTo(
            "/var/run/kubernetes.io/dra-device-attributes/resourceclaimtemplates/accel/neurons/"
                + "neuron.aws.com-metadata.json");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "..",
        ".",
        "",
        "a/b",
        "../../etc",
        "Gpu",
        "gpu_1",
        "-gpu",
        "gpu-",
        "gpu\u0000",
        "gpu\n",
        "gpu.large",
        "ünicode",
        "a234567890123456789012345678901234567890123456789012345678901234"
      })
  void aRequestNameThatIsNoDnsLabelIsRefusedBeforeItBecomesAPath(String request) {
    assertThatThrownBy(() -> layout.hostFile(UID, request))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("request name")
        .hasMessageContaining("DNS label");
    assertThatThrownBy(() -> layout.specFile(UID, request))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> layout.containerFile(new ClaimRef("ns", "c", UID), Optional.empty(), request))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "a/b", "Claim", "a..b", ".hidden", "c\u0000"})
  void aClaimNameThatIsNoDnsSubdomainIsRefused(String name) {
    assertThatThrownBy(
            () -> layout.containerFile(new ClaimRef("ns", name, UID), Optional.empty(), "gpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("claim name '" + name + "'");
  }

  @Test
  void aDottedClaimNameIsFine() {
    assertThat(
            layout.containerFile(new ClaimRef("ns", "gpu.claim-1", UID), Optional.empty(), "gpu"))
        .contains("/resourceclaims/gpu.claim-1/gpu/");
  }

  @ParameterizedTest
  @ValueSource(strings = {"uid_1", "../x", "", "a/b", "-x"})
  void aClaimUidWithCharactersOutsideAUuidIsRefused(String uid) {
    assertThatThrownBy(() -> layout.claimDir(uid))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("claim UID");
  }

  @Test
  void aPodClaimNameThatIsNoDnsLabelIsRefused() {
    assertThatThrownBy(
            () -> layout.containerFile(new ClaimRef("ns", "c", UID), Optional.of("../x"), "gpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pod claim name");
  }
}
