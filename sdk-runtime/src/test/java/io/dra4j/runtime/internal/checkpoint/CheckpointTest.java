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
package io.dra4j.runtime.internal.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.PreparedClaim;
import io.dra4j.runtime.internal.checkpoint.CheckpointEntry.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  private static final String BOOT = "6d3c0e0a-5b2f-4a43-9f7e-1b2c3d4e5f60";
  private static final ClaimRef CLAIM = new ClaimRef("ml", "train", "uid-1");

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("checkpoint.json");
  }

  @Test
  void richPreparedClaimRoundTripsExactly() throws IOException {
    PreparedClaim prepared = RichPreparation.of(CLAIM);
    Checkpoint cp = Checkpoint.open(file(), BOOT);
    cp.prepareStarted(CLAIM);
    cp.prepareCompleted(prepared);

    CheckpointEntry entry = Checkpoint.open(file(), BOOT).get(CLAIM.uid()).orElseThrow();

    assertThat(entry.state()).isEqualTo(State.PREPARE_COMPLETED);
    assertThat(entry.bootId()).isEqualTo(BOOT);
    assertThat(entry.claim()).isEqualTo(CLAIM);
    PreparedClaim back = entry.prepared().orElseThrow();
    assertThat(back).isEqualTo(prepared);
    assertThat(back.preparation().devices().get(0).edits().env().keySet())
        .as("environment order is kept")
        .containsExactly("Z_FIRST", "A_SECOND");
    Map<QualifiedName, Quantity> original =
        prepared.preparation().devices().get(0).device().consumedCapacity();
    Map<QualifiedName, Quantity> restored =
        back.preparation().devices().get(0).device().consumedCapacity();
    original.forEach(
        (name, q) -> {
          assertThat(restored.get(name).value()).isEqualByComparingTo(q.value());
          assertThat(restored.get(name).format()).as(name + " format").isEqualTo(q.format());
          assertThat(restored.get(name).toString()).isEqualTo(q.toString());
        });
  }

  @Test
  void fileHasTheDocumentedEnvelopeWithAChecksumOverTheRawFileBytes() throws Exception {
    Checkpoint.open(file(), BOOT).prepareStarted(CLAIM);

    String text = Files.readString(file());
    JsonObject envelope = JsonParser.parseString(text).getAsJsonObject();
    assertThat(envelope.get("kind").getAsString()).isEqualTo("Dra4jCheckpoint");
    assertThat(envelope.get("apiVersion").getAsString()).isEqualTo("checkpoint.dra4j.io/v2");
    String data = envelope.get("data").getAsString();
    String checksum = envelope.get("checksum").getAsString();
    assertThat(checksum).isEqualTo(sha256(text.replace(checksum, "0".repeat(64))));
    JsonObject entry =
        JsonParser.parseString(data)
            .getAsJsonObject()
            .getAsJsonArray("entries")
            .get(0)
            .getAsJsonObject();
    assertThat(entry.get("state").getAsString()).isEqualTo("PREPARE_STARTED");
    assertThat(entry.get("bootId").getAsString()).isEqualTo(BOOT);
    assertThat(entry.getAsJsonObject("claim").get("uid").getAsString()).isEqualTo("uid-1");
  }

  @Test
  void openCreatesTheFileAndItsDirectory() throws IOException {
    Path nested = dir.resolve("plugins/neuron.aws.com/checkpoint.json");
    Checkpoint cp = Checkpoint.open(nested, BOOT);
    assertThat(nested).isRegularFile();
    assertThat(cp.entries()).isEmpty();
    assertThat(cp.currentBootId()).isEqualTo(BOOT);
  }

  @Test
  void corruptJsonIsMovedAsideAndTheCheckpointStartsEmpty() throws IOException {
    assertQuarantined("{\"kind\": \"Dra4jCheckpoint\", nope".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void truncatedFileIsMovedAsideAndTheCheckpointStartsEmpty() throws IOException {
    Checkpoint.open(file(), BOOT).prepareCompleted(RichPreparation.of(CLAIM));
    byte[] full = Files.readAllBytes(file());
    byte[] half = new byte[full.length / 2];
    System.arraycopy(full, 0, half, 0, half.length);
    assertQuarantined(half);
  }

  @Test
  void badChecksumIsMovedAsideAndTheCheckpointStartsEmpty() throws IOException {
    Checkpoint.open(file(), BOOT).prepareStarted(CLAIM);
    String tampered = Files.readString(file()).replace("uid-1", "uid-2");
    assertQuarantined(tampered.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void unknownSchemaVersionIsMovedAsideRatherThanMisread() throws Exception {
    String data = "{\"entries\":[]}";
    assertQuarantined(
        envelope("checkpoint.dra4j.io/v3", data, sha256(data)).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aChangedByteAnywhereInTheFileIsDetected() throws Exception {
    byte[] good =
        CheckpointCodec.encode(
            List.of(
                new CheckpointEntry(
                    CLAIM, State.PREPARE_COMPLETED, Optional.of(RichPreparation.of(CLAIM)), BOOT)));
    assertThat(CheckpointCodec.decode(good)).hasSize(1);
    // A flipped bit, a case change, a space for a tab or newline: every position, every kind.
    int[] flips = {0x01, 0x02, 0x04, 0x20, 0x80};
    List<String> undetected = new java.util.ArrayList<>();
    for (int i = 0; i < good.length; i++) {
      List<Byte> replacements = new java.util.ArrayList<>();
      for (int f : flips) {
        replacements.add((byte) (good[i] ^ f));
      }
      replacements.add((byte) (good[i] == ' ' ? '\t' : ' '));
      replacements.add((byte) (good[i] == '\n' ? ' ' : '\n'));
      for (byte b : replacements) {
        byte[] bad = good.clone();
        bad[i] = b;
        try {
          CheckpointCodec.decode(bad);
          undetected.add(i + ":" + (char) good[i] + "->" + (char) b);
        } catch (CheckpointCodec.CorruptCheckpointException expected) {
          // detected
        }
      }
    }
    assertThat(undetected).as("changes that decoded without error").isEmpty();
  }

  @Test
  void aFileOfTheFirstFormatIsReadAndRewrittenWithTheRawChecksum() throws Exception {
    String data =
        "{\"entries\":[{\"claim\":{\"namespace\":\"ml\",\"name\":\"train\",\"uid\":\"uid-1\"},"
            + "\"state\":\"PREPARE_STARTED\",\"bootId\":\""
            + BOOT
            + "\"}]}";
    Files.writeString(file(), envelope("checkpoint.dra4j.io/v1", data, sha256(data)));

    Checkpoint cp = Checkpoint.open(file(), BOOT);

    assertThat(cp.get("uid-1")).map(CheckpointEntry::claim).contains(CLAIM);
    assertThat(Files.readString(file())).contains("checkpoint.dra4j.io/v2");
  }

  @Test
  void wrongFieldTypeInsideValidChecksumIsMovedAside() throws Exception {
    String data =
        "{\"entries\":[{\"claim\":{\"namespace\":\"a\",\"name\":\"b\",\"uid\":7},\"state\":\"PREPARE_STARTED\",\"bootId\":\"x\"}]}";
    assertQuarantined(
        envelope("checkpoint.dra4j.io/v1", data, sha256(data)).getBytes(StandardCharsets.UTF_8));
  }

  private void assertQuarantined(byte[] content) throws IOException {
    Files.write(file(), content);

    Checkpoint cp = Checkpoint.open(file(), BOOT);

    assertThat(cp.entries()).isEmpty();
    List<Path> aside;
    try (Stream<Path> files = Files.list(dir)) {
      aside =
          files
              .filter(p -> p.getFileName().toString().startsWith("checkpoint.json.corrupt-"))
              .toList();
    }
    assertThat(aside).hasSize(1);
    assertThat(Files.readAllBytes(aside.get(0))).isEqualTo(content);
    assertThat(Checkpoint.open(file(), BOOT).entries()).as("the new file is valid").isEmpty();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("nothing else moved aside on the clean reopen").hasSize(2);
    }
  }

  @Test
  void unknownFieldsFromANewerWriterAreTolerated() throws Exception {
    String data =
        "{\"future\":{\"x\":1},\"entries\":[{\"claim\":{\"namespace\":\"ml\",\"name\":\"train\",\"uid\":\"uid-1\",\"extra\":true},"
            + "\"state\":\"PREPARE_STARTED\",\"bootId\":\""
            + BOOT
            + "\",\"note\":\"hello\"}]}";
    JsonObject envelope =
        JsonParser.parseString(envelope("checkpoint.dra4j.io/v1", data, sha256(data)))
            .getAsJsonObject();
    envelope.addProperty("writer", "dra4j 9.9");
    Files.writeString(file(), envelope.toString());

    Checkpoint cp = Checkpoint.open(file(), BOOT);

    assertThat(cp.get("uid-1")).map(CheckpointEntry::claim).contains(CLAIM);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void entriesFromAnotherBootAreVisibleAsSuch() throws IOException {
    Checkpoint.open(file(), "boot-a").prepareCompleted(RichPreparation.of(CLAIM));

    Checkpoint afterReboot = Checkpoint.open(file(), "boot-b");
    afterReboot.prepareStarted(new ClaimRef("ml", "other", "uid-2"));

    CheckpointEntry old = afterReboot.get("uid-1").orElseThrow();
    assertThat(old.fromCurrentBoot(afterReboot.currentBootId())).isFalse();
    assertThat(old.fromCurrentBoot("boot-a")).isTrue();
    assertThat(afterReboot.get("uid-2").orElseThrow().fromCurrentBoot("boot-b")).isTrue();
  }

  @Test
  void concurrentUpdatesFromManyThreadsLoseNothing() throws Exception {
    Checkpoint cp = Checkpoint.open(file(), BOOT);
    int threads = 8;
    int perThread = 12;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    ClaimRef claim = new ClaimRef("ns", "c", "uid-" + thread + "-" + i);
                    cp.prepareStarted(claim);
                    if (i % 3 == 0) {
                      cp.remove(claim.uid());
                    } else if (i % 3 == 1) {
                      cp.prepareCompleted(RichPreparation.of(claim));
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }

    for (Checkpoint view : List.of(cp, Checkpoint.open(file(), BOOT))) {
      assertThat(view.entries()).hasSize(threads * perThread * 2 / 3);
      for (int t = 0; t < threads; t++) {
        for (int i = 0; i < perThread; i++) {
          Optional<CheckpointEntry> e = view.get("uid-" + t + "-" + i);
          switch (i % 3) {
            case 0 -> assertThat(e).isEmpty();
            case 1 -> assertThat(e.orElseThrow().state()).isEqualTo(State.PREPARE_COMPLETED);
            default -> assertThat(e.orElseThrow().state()).isEqualTo(State.PREPARE_STARTED);
          }
        }
      }
    }
  }

  @Test
  void failedWriteLeavesFileAndMemoryUnchanged() throws Exception {
    Checkpoint cp = Checkpoint.open(file(), BOOT);
    cp.prepareStarted(CLAIM);
    byte[] before = Files.readAllBytes(file());

    try (ReadOnlyDirectory ro = ReadOnlyDirectory.of(dir)) {
      assertThatThrownBy(() -> cp.prepareCompleted(RichPreparation.of(CLAIM)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(file().toString());
      assertThatThrownBy(() -> cp.remove(CLAIM.uid())).isInstanceOf(IOException.class);
    }

    assertThat(cp.get(CLAIM.uid()).orElseThrow().state()).isEqualTo(State.PREPARE_STARTED);
    assertThat(Files.readAllBytes(file())).isEqualTo(before);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file());
    }
  }

  @Test
  void removeDropsTheEntryDurablyAndIgnoresUnknownClaims() throws IOException {
    Checkpoint cp = Checkpoint.open(file(), BOOT);
    cp.prepareStarted(CLAIM);
    cp.remove("never-seen");
    cp.remove(CLAIM.uid());
    assertThat(cp.get(CLAIM.uid())).isEmpty();
    assertThat(Checkpoint.open(file(), BOOT).entries()).isEmpty();
  }

  @Test
  void bootIdIsReadBelowTheProcRoot() throws IOException {
    Path id = dir.resolve("proc/sys/kernel/random/boot_id");
    Files.createDirectories(id.getParent());
    Files.writeString(id, BOOT + "\n");
    assertThat(Checkpoint.readBootId(dir.resolve("proc"))).isEqualTo(BOOT);
    assertThat(Checkpoint.readBootId(dir.resolve("nowhere"))).isEqualTo("unknown");
  }

  @Test
  void entryRequiresAResultExactlyWhenCompleted() {
    assertThatThrownBy(
            () -> new CheckpointEntry(CLAIM, State.PREPARE_COMPLETED, Optional.empty(), BOOT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PREPARE_COMPLETED");
    assertThatThrownBy(
            () ->
                new CheckpointEntry(
                    CLAIM, State.PREPARE_STARTED, Optional.of(RichPreparation.of(CLAIM)), BOOT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String envelope(String apiVersion, String data, String checksum) {
    JsonObject o = new JsonObject();
    o.addProperty("kind", "Dra4jCheckpoint");
    o.addProperty("apiVersion", apiVersion);
    o.addProperty("data", data);
    o.addProperty("checksum", checksum);
    return o.toString();
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
