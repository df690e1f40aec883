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
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PreparedClaim;
import io.dra4j.runtime.internal.checkpoint.CheckpointCodec.CorruptCheckpointException;
import io.dra4j.runtime.internal.checkpoint.CheckpointEntry.State;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property tests of the checkpoint file format: what is encoded decodes to the same entries; any
 * other content, including an encoding with bytes flipped, cut off or appended, decodes to the same
 * entries or fails with {@link CorruptCheckpointException} and a message, within a bounded time.
 */
class CheckpointCodecFuzzTest {
  private static final Duration PER_TRY = Duration.ofSeconds(10);

  @Property
  void encodedEntriesDecodeToTheSameEntries(@ForAll("entries") List<CheckpointEntry> entries)
      throws CorruptCheckpointException {
    assertThat(CheckpointCodec.decode(CheckpointCodec.encode(entries))).isEqualTo(entries);
  }

  @Property
  void arbitraryBytesDecodeOrAreReportedCorrupt(@ForAll("bytes") byte[] bytes) {
    assertTimeoutPreemptively(PER_TRY, () -> decodeOrExplain(bytes));
  }

  @Property
  void aDamagedFileDecodesToTheSameEntriesOrIsReportedCorrupt(
      @ForAll("entries") List<CheckpointEntry> entries, @ForAll("damage") Damage damage) {
    byte[] damaged = damage.apply(CheckpointCodec.encode(entries));
    assertTimeoutPreemptively(
        PER_TRY,
        () -> {
          Optional<List<CheckpointEntry>> read = decodeOrExplain(damaged);
          read.ifPresent(
              r -> assertThat(r).as("a damaged file that still decodes").isEqualTo(entries));
        });
  }

  @Example
  void anotherFileFormatIsNamedAsAnUnknownSchemaNotAsAMissingField() {
    assertThatThrownBy(
            () -> CheckpointCodec.decode("{\"kind\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CorruptCheckpointException.class)
        .hasMessage(
            "unknown schema (no apiVersion) x, this version reads checkpoint.dra4j.io/v2"
                + " Dra4jCheckpoint");
  }

  private static Optional<List<CheckpointEntry>> decodeOrExplain(byte[] bytes) {
    try {
      return Optional.of(CheckpointCodec.decode(bytes));
    } catch (CorruptCheckpointException e) {
      assertThat(e.getMessage()).hasSizeGreaterThan(10);
      return Optional.empty();
    }
  }

  /** One of: a byte replaced, a bit flipped, the file cut, garbage appended. */
  record Damage(int how, int at, byte value) {
    byte[] apply(byte[] in) {
      byte[] out = in.clone();
      int i = at % in.length;
      switch (how) {
        case 0 -> out[i] = value;
        case 1 -> out[i] ^= (byte) (1 << (at % 8));
        case 2 -> out = Arrays.copyOf(in, i);
        default -> {
          byte[] garbage = ("\u0000" + value + "}]\"").getBytes(StandardCharsets.UTF_8);
          out = Arrays.copyOf(in, in.length + garbage.length);
          System.arraycopy(garbage, 0, out, in.length, garbage.length);
        }
      }
      return out;
    }
  }

  @Provide
  Arbitrary<Damage> damage() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, Integer.MAX_VALUE),
            Arbitraries.bytes())
        .as(Damage::new);
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
        Arbitraries.strings()
            .withChars("{}[]\":,0123456789.eE+-truefalsnl \\kindapiVersionchecksumdata")
            .ofMaxLength(200)
            .map(s -> s.getBytes(StandardCharsets.UTF_8)),
        Arbitraries.integers()
            .between(1, 5000)
            .map(n -> ("[".repeat(n) + "]".repeat(n)).getBytes(StandardCharsets.UTF_8)));
  }

  /** Well-formed Unicode text: the file is UTF-8, so a lone surrogate cannot be stored. */
  private static Arbitrary<String> text() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(12),
        Arbitraries.strings().withCharRange('\ue000', '\uffff').ofMaxLength(4),
        Arbitraries.of("", "\"quoted\"", "a\\b", "\uD83D\uDE00 emoji", "</script>"));
  }

  @Provide
  Arbitrary<List<CheckpointEntry>> entries() {
    Arbitrary<ClaimRef> claim = Combinators.combine(text(), text(), text()).as(ClaimRef::new);
    Arbitrary<Quantity> quantity =
        Arbitraries.of("0", "1.5Gi", "100m", "25G", "1e3", "-2Ki", "123456789012345678901234n")
            .map(Quantity::parse);
    Arbitrary<AllocatedDevice> device =
        Combinators.combine(
                text(),
                text(),
                text(),
                Arbitraries.of(true, false),
                text().optional(),
                quantity.map(q -> Map.of(QualifiedName.of("memory"), q)).optional())
            .as(
                (r, p, d, admin, share, cap) ->
                    new AllocatedDevice(r, p, d, admin, share, cap.orElse(Map.of())));
    Arbitrary<ContainerEdits> edits =
        Combinators.combine(text(), text())
            .as((k, v) -> ContainerEdits.builder().env("K_" + k.hashCode(), v).build());
    Arbitrary<CheckpointEntry> entry =
        Combinators.combine(
                claim, Arbitraries.of(State.class), device.list().ofMaxSize(3), edits, text())
            .as(
                (c, state, devices, common, boot) -> {
                  Optional<PreparedClaim> prepared = Optional.empty();
                  if (state == State.PREPARE_COMPLETED) {
                    Preparation.Builder b = Preparation.builder().common(common);
                    devices.forEach(d -> b.device(d, ContainerEdits.none()));
                    prepared =
                        Optional.of(
                            devices.isEmpty()
                                ? RichPreparation.of(c)
                                : new PreparedClaim(c, b.build()));
                  }
                  return new CheckpointEntry(c, state, prepared, boot);
                });
    return entry.list().ofMaxSize(4).uniqueElements(e -> e.claim().uid());
  }
}
