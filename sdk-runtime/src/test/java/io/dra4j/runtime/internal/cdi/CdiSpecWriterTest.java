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
package io.dra4j.runtime.internal.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.DeviceNode;
import io.dra4j.api.prepare.Hook;
import io.dra4j.api.prepare.Mount;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.runtime.internal.checkpoint.ReadOnlyDirectory;
import io.dra4j.runtime.internal.checkpoint.RichPreparation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdiSpecWriterTest {
  private static final String DRIVER = "neuron.aws.com";
  private static final ClaimRef CLAIM = new ClaimRef("ml", "train", "claim-uid-1");
  private static final ClaimRef DIGIT_CLAIM =
      new ClaimRef("ml", "train", "0f3c9a52-7c1e-4a8e-9d2b-5e1f0c7a9b31");
  private static final Pattern CDI_DEVICE_NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.:-]*[A-Za-z0-9])?");

  @TempDir Path dir;

  private static Preparation oneDevice(ContainerEdits edits) {
    return Preparation.builder()
        .device(AllocatedDevice.of("req", "pool-a", "neuron0"), edits)
        .build();
  }

  private static List<String> deviceNames(CdiResult result) throws IOException {
    List<String> names = new ArrayList<>();
    read(result.specFile())
        .getAsJsonArray("devices")
        .forEach(d -> names.add(d.getAsJsonObject().get("name").getAsString()));
    return names;
  }

  private static JsonObject read(Path file) throws IOException {
    return JsonParser.parseString(Files.readString(file)).getAsJsonObject();
  }

  @Test
  void writesSpecNamedAfterVendorClassAndClaimWithQualifiedIds() throws IOException {
    CdiSpecWriter writer = new CdiSpecWriter(dir, DRIVER);
    CdiResult result =
        writer.write(CLAIM, oneDevice(ContainerEdits.builder().deviceNode("/dev/neuron0").build()));

    assertThat(result.specFile())
        .isEqualTo(dir.resolve("k8s.neuron.aws.com-claim_claim-uid-1.json"));
    assertThat(writer.specPath("claim-uid-1")).isEqualTo(result.specFile());
    assertThat(result.deviceIds())
        .containsExactly(List.of("k8s.neuron.aws.com/claim=claim-uid-1-neuron0"));
    JsonObject spec = read(result.specFile());
    assertThat(spec.get("kind").getAsString()).isEqualTo("k8s.neuron.aws.com/claim");
    assertThat(spec.get("cdiVersion").getAsString()).isEqualTo("0.3.0");
    JsonObject dev = spec.getAsJsonArray("devices").get(0).getAsJsonObject();
    assertThat(dev.get("name").getAsString()).isEqualTo("claim-uid-1-neuron0");
    assertThat(
            dev.getAsJsonObject("containerEdits")
                .getAsJsonArray("deviceNodes")
                .get(0)
                .getAsJsonObject()
                .get("path")
                .getAsString())
        .isEqualTo("/dev/neuron0");
    assertThat(spec.has("containerEdits")).isFalse();
    assertThat(writer.exists("claim-uid-1")).isTrue();
  }

  @Test
  void everyDeviceCarriesACanaryVariableEvenWithoutEdits() throws IOException {
    CdiSpecWriter writer = new CdiSpecWriter(dir, DRIVER);
    CdiResult result = writer.write(CLAIM, oneDevice(ContainerEdits.none()));

    JsonObject edits =
        read(result.specFile())
            .getAsJsonArray("devices")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("containerEdits");
    assertThat(edits.getAsJsonArray("env").get(0).getAsString())
        .isEqualTo("DRA_NEURON_AWS_COM_CLAIM_UID_1_0=pool-a/neuron0");
    assertThat(writer.canaryEnvName("claim-uid-1", 0))
        .isEqualTo("DRA_NEURON_AWS_COM_CLAIM_UID_1_0");
  }

  @Test
  void versionStaysAtTheLowestThatExpressesTheEdits() throws IOException {
    CdiSpecWriter writer = new CdiSpecWriter(dir, DRIVER);
    Mount typed = new Mount("tmpfs", "/scratch", List.of("size=64m"), Optional.of("tmpfs"));
    DeviceNode hostPath =
        new DeviceNode("/dev/neuron0", Optional.of("/dev/neuron7"), Optional.empty());

    assertThat(
            version(writer.write(CLAIM, oneDevice(ContainerEdits.builder().env("A", "1").build()))))
        .isEqualTo("0.3.0");
    assertThat(
            version(writer.write(CLAIM, oneDevice(ContainerEdits.builder().mount(typed).build()))))
        .isEqualTo("0.4.0");
    assertThat(
            version(
                writer.write(
                    CLAIM, oneDevice(ContainerEdits.builder().deviceNode(hostPath).build()))))
        .isEqualTo("0.5.0");
    assertThat(
            version(
                writer.write(
                    CLAIM,
                    Preparation.builder()
                        .device(AllocatedDevice.of("req", "p", "neuron0"), ContainerEdits.none())
                        .common(ContainerEdits.builder().mount(typed).build())
                        .build())))
        .as("common edits count too")
        .isEqualTo("0.4.0");
  }

  @Test
  void claimUidStartingWithADigitNeedsVersion050() throws IOException {
    CdiResult result =
        new CdiSpecWriter(dir, DRIVER).write(DIGIT_CLAIM, oneDevice(ContainerEdits.none()));
    assertThat(version(result)).isEqualTo("0.5.0");
  }

  @Test
  void duplicateDevicesGetIndexSuffixesAndValidNames() throws IOException {
    AllocatedDevice a = AllocatedDevice.of("r1", "pool-a", "neuron0");
    AllocatedDevice b = AllocatedDevice.of("r2", "pool-b", "neuron0");
    AllocatedDevice c = AllocatedDevice.of("r2", "pool-b", "neuron1");
    Preparation prep =
        Preparation.builder()
            .device(a, ContainerEdits.none())
            .device(b, ContainerEdits.none())
            .device(c, ContainerEdits.none())
            .build();

    CdiResult result = new CdiSpecWriter(dir, DRIVER).write(DIGIT_CLAIM, prep);

    String uid = DIGIT_CLAIM.uid();
    assertThat(result.deviceIds())
        .containsExactly(
            List.of("k8s.neuron.aws.com/claim=" + uid + "-neuron0-0"),
            List.of("k8s.neuron.aws.com/claim=" + uid + "-neuron0-1"),
            List.of("k8s.neuron.aws.com/claim=" + uid + "-neuron1"));
    assertThat(deviceNames(result))
        .doesNotHaveDuplicates()
        .allMatch(n -> CDI_DEVICE_NAME.matcher(n).matches());
  }

  @Test
  void aSuffixThatWouldRepeatAnotherDevicesNameGivesEveryDeviceItsIndex() throws IOException {
    Preparation prep =
        Preparation.builder()
            .device(AllocatedDevice.of("r", "pool-a", "neuron0"), ContainerEdits.none())
            .device(AllocatedDevice.of("r", "pool-b", "neuron0"), ContainerEdits.none())
            .device(AllocatedDevice.of("r", "pool-c", "neuron0-1"), ContainerEdits.none())
            .build();

    CdiResult result = new CdiSpecWriter(dir, DRIVER).write(CLAIM, prep);

    String uid = CLAIM.uid();
    assertThat(result.deviceIds())
        .containsExactly(
            List.of("k8s.neuron.aws.com/claim=" + uid + "-neuron0-0"),
            List.of("k8s.neuron.aws.com/claim=" + uid + "-neuron0-1"),
            List.of("k8s.neuron.aws.com/claim=" + uid + "-neuron0-1-2"));
    assertThat(deviceNames(result))
        .doesNotHaveDuplicates()
        .allMatch(n -> CDI_DEVICE_NAME.matcher(n).matches());
  }

  @Test
  void commonEditsGoToTheSpecLevelAndAllFieldsAreWritten() throws IOException {
    CdiResult result =
        new CdiSpecWriter(dir, DRIVER).write(CLAIM, RichPreparation.of(CLAIM).preparation());

    JsonObject spec = read(result.specFile());
    assertThat(spec.get("cdiVersion").getAsString()).isEqualTo("0.5.0");
    assertThat(spec.getAsJsonObject("containerEdits").getAsJsonArray("env").get(0).getAsString())
        .isEqualTo("COMMON=yes");
    assertThat(spec.getAsJsonArray("devices")).hasSize(2);
    JsonObject edits =
        spec.getAsJsonArray("devices").get(0).getAsJsonObject().getAsJsonObject("containerEdits");
    List<String> env = new ArrayList<>();
    edits.getAsJsonArray("env").forEach(e -> env.add(e.getAsString()));
    assertThat(env)
        .containsExactly(
            "DRA_NEURON_AWS_COM_CLAIM_UID_1_0=node-1-pool/neuron3",
            "Z_FIRST=1",
            "A_SECOND=with \"quotes\" and = and \u00e9");
    JsonObject node = edits.getAsJsonArray("deviceNodes").get(0).getAsJsonObject();
    assertThat(node.get("path").getAsString()).isEqualTo("/dev/neuron3");
    assertThat(node.get("hostPath").getAsString()).isEqualTo("/dev/neuron7");
    assertThat(node.get("permissions").getAsString()).isEqualTo("rw");
    JsonObject tmpfs = edits.getAsJsonArray("mounts").get(0).getAsJsonObject();
    assertThat(tmpfs.get("type").getAsString()).isEqualTo("tmpfs");
    assertThat(tmpfs.get("containerPath").getAsString()).isEqualTo("/scratch");
    assertThat(tmpfs.getAsJsonArray("options").toString()).contains("size=64m");
    JsonObject hook = edits.getAsJsonArray("hooks").get(0).getAsJsonObject();
    assertThat(hook.get("hookName").getAsString()).isEqualTo("createContainer");
    assertThat(hook.get("path").getAsString()).isEqualTo("/usr/bin/neuron-hook");
    assertThat(hook.get("timeout").getAsInt()).isEqualTo(10);
    assertThat(hook.getAsJsonArray("args").toString()).contains("--x");
    assertThat(hook.getAsJsonArray("env").get(0).getAsString()).isEqualTo("K=V");
    assertThat(edits.getAsJsonArray("hooks").get(1).getAsJsonObject().has("timeout")).isFalse();
  }

  @Test
  void specIsWorldReadableAndNoTemporaryFileRemains() throws IOException {
    CdiSpecWriter writer = new CdiSpecWriter(dir, DRIVER);
    writer.write(CLAIM, oneDevice(ContainerEdits.none()));
    CdiResult again =
        writer.write(CLAIM, oneDevice(ContainerEdits.builder().env("X", "2").build()));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(again.specFile())))
        .isEqualTo("rw-r--r--");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(again.specFile());
    }
    assertThat(Files.readString(again.specFile())).contains("X=2");
  }

  @Test
  void rewritingTheSameClaimIsByteForByteDeterministic() throws IOException {
    CdiSpecWriter writer = new CdiSpecWriter(dir, DRIVER);
    Preparation prep =
        oneDevice(ContainerEdits.builder().env("A", "1").deviceNode("/dev/neuron0").build());
    byte[] first = Files.readAllBytes(writer.write(CLAIM, prep).specFile());
    writer.remove(CLAIM.uid());
    assertThat(writer.exists(CLAIM.uid())).isFalse();
    assertThat(Files.readAllBytes(writer.write(CLAIM, prep).specFile())).isEqualTo(first);
  }

  @Test
  void anIntactSpecIsNotRewrittenButADamagedOneIs() throws IOException {
    CdiSpecWriter writer = new CdiSpecWriter(dir, DRIVER);
    Preparation prep = oneDevice(ContainerEdits.builder().env("A", "1").build());
    Path spec = writer.write(CLAIM, prep).specFile();
    byte[] good = Files.readAllBytes(spec);
    java.nio.file.attribute.FileTime stamp = java.nio.file.attribute.FileTime.fromMillis(1000);
    Files.setLastModifiedTime(spec, stamp);

    writer.write(CLAIM, prep);
    assertThat(Files.getLastModifiedTime(spec)).isEqualTo(stamp);

    Files.writeString(spec, "{\"truncated\"");
    writer.write(CLAIM, prep);
    assertThat(Files.readAllBytes(spec)).isEqualTo(good);
  }

  @Test
  void removeOfAMissingSpecIsFine() throws IOException {
    new CdiSpecWriter(dir, DRIVER).remove("never-written");
  }

  @Test
  void relativePathsAreRejectedWithTheDeviceNamed() {
    CdiSpecWriter writer = new CdiSpecWriter(dir, DRIVER);
    Preparation prep =
        oneDevice(
            ContainerEdits.builder()
                .mount(new Mount("/host", "relative/dir", List.of(), Optional.empty()))
                .build());

    assertThatThrownBy(() -> writer.write(CLAIM, prep))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("claim-uid-1-neuron0")
        .as("the caller reports the error per claim and names it")
        .hasMessageNotContaining("ml/train")
        .hasMessageContaining("mount containerPath 'relative/dir' must be an absolute path");
    assertThat(writer.exists(CLAIM.uid())).isFalse();
  }

  @Test
  void hookEnvironmentWithoutEqualsSignIsRejected() {
    Preparation prep =
        oneDevice(
            ContainerEdits.builder()
                .hook(
                    new Hook("prestart", "/bin/h", List.of(), List.of("NOVALUE"), Optional.empty()))
                .build());
    assertThatThrownBy(() -> new CdiSpecWriter(dir, DRIVER).write(CLAIM, prep))
        .hasMessageContaining("hook environment entry 'NOVALUE' must have the form KEY=VALUE");
  }

  @Test
  void deviceNameOutsideTheCdiAlphabetIsRejected() {
    Preparation prep =
        Preparation.builder()
            .device(AllocatedDevice.of("r", "p", "bad/name"), ContainerEdits.none())
            .build();
    assertThatThrownBy(() -> new CdiSpecWriter(dir, DRIVER).write(CLAIM, prep))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rename device 'bad/name'");
  }

  @Test
  void claimUidThatCouldEscapeTheDirectoryIsRejected() {
    assertThatThrownBy(() -> new CdiSpecWriter(dir, DRIVER).specPath("../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("claim UID '../etc'");
  }

  @Test
  void emptyPreparationIsRejected() {
    assertThatThrownBy(
            () -> new CdiSpecWriter(dir, DRIVER).write(CLAIM, Preparation.builder().build()))
        .hasMessageContaining("needs at least one");
  }

  @Test
  void readOnlyDirectoryFailsWithTheFileAndCauseAndLeavesNoPartialFile() throws Exception {
    CdiSpecWriter writer = new CdiSpecWriter(dir, DRIVER);
    try (ReadOnlyDirectory ro = ReadOnlyDirectory.of(dir)) {
      assertThatThrownBy(() -> writer.write(CLAIM, oneDevice(ContainerEdits.none())))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(writer.specPath(CLAIM.uid()).toString())
          .hasMessageMatching("(?s)cannot write .*\\.json: .+");
      assertThatThrownBy(writer::checkWritable)
          .isInstanceOf(IOException.class)
          .hasMessageContaining(dir.toString())
          .hasMessageContaining("Mount the host directory read-write")
          .hasMessageNotContaining("--cdi-dir");
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void checkWritableCreatesAMissingDirectoryWhoseParentExists() throws IOException {
    Path cdi = dir.resolve("cdi");
    new CdiSpecWriter(cdi, DRIVER).checkWritable();
    assertThat(cdi).isDirectory();
    try (Stream<Path> files = Files.list(cdi)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void checkWritableNamesTheDirectoryAndTheFixWhenTheParentIsMissing() {
    Path cdi = dir.resolve("missing/cdi");
    assertThatThrownBy(() -> new CdiSpecWriter(cdi, DRIVER).checkWritable())
        .isInstanceOf(IOException.class)
        .hasMessageContaining(cdi + " does not exist")
        .hasMessageContaining("cdi_spec_dirs")
        .as("the runtime names its setting, a command line its flag")
        .hasMessageNotContaining("--cdi-dir")
        .hasMessageNotContaining("CDI_ROOT");
  }

  @Test
  void invalidDriverNameIsRejectedUpFront() {
    assertThatThrownBy(() -> new CdiSpecWriter(dir, "bad driver!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CDI vendor 'k8s.bad driver!'");
  }

  @Test
  void differentClaimsCanBeWrittenConcurrently() throws Exception {
    CdiSpecWriter writer = new CdiSpecWriter(dir, DRIVER);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<CdiResult>> futures = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        ClaimRef claim = new ClaimRef("ns", "c" + i, "uid-" + i);
        futures.add(pool.submit(() -> writer.write(claim, oneDevice(ContainerEdits.none()))));
      }
      for (Future<CdiResult> f : futures) {
        assertThat(read(f.get().specFile()).getAsJsonArray("devices")).hasSize(1);
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).hasSize(64).allMatch(p -> p.toString().endsWith(".json"));
    }
  }

  @Test
  void concurrentRewritesOfOneClaimLeaveOneCompleteSpec() throws Exception {
    CdiSpecWriter writer = new CdiSpecWriter(dir, DRIVER);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<CdiResult>> futures = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        ContainerEdits edits = ContainerEdits.builder().env("ROUND", Integer.toString(i)).build();
        futures.add(pool.submit(() -> writer.write(CLAIM, oneDevice(edits))));
      }
      for (Future<CdiResult> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(writer.specPath(CLAIM.uid()));
    }
    assertThat(read(writer.specPath(CLAIM.uid())).getAsJsonArray("devices").toString())
        .containsPattern("ROUND=\\d+");
  }

  private static String version(CdiResult result) throws IOException {
    return read(result.specFile()).get("cdiVersion").getAsString();
  }
}
