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

import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.PreparedClaim;
import io.dra4j.runtime.internal.checkpoint.CheckpointCodec.CorruptCheckpointException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash-safe per-claim prepare state in one file, with a checksum and the boot ID of each entry.
 * Thread-safe: updates are serialised (concurrent ones share one write), and each one is durable
 * (temp file, fsync, atomic rename, directory fsync) before its method returns. A failed write
 * leaves both the file and the in-memory state as they were, so the caller may simply retry.
 *
 * <p>File format: {@code {"kind":"Dra4jCheckpoint","apiVersion":"checkpoint.dra4j.io/v2",
 * "data":"<json>","checksum":"<sha256 hex of the file's bytes, this digest zeroed>"}}; see {@link
 * #open(Path, String)} for how a damaged file is handled.
 */
public final class Checkpoint {
  private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);
  private static final DateTimeFormatter QUARANTINE_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final String UNKNOWN_BOOT = "unknown";

  private final Path file;
  private final String bootId;
  private final ReentrantLock writer = new ReentrantLock();
  private final Queue<PendingChange> pending = new ConcurrentLinkedQueue<>();
  private volatile Map<String, CheckpointEntry> entries;

  private Checkpoint(Path file, String bootId, Map<String, CheckpointEntry> entries) {
    this.file = file;
    this.bootId = bootId;
    this.entries = entries;
  }

  /**
   * Opens the checkpoint, creating the file (and its directory) when missing. A corrupt file (bad
   * JSON, bad checksum, unknown schema, truncated) is moved aside to {@code
   * <file>.corrupt-<timestamp>} with an ERROR log and the checkpoint starts empty: it is never
   * silently reused. Unknown JSON fields are tolerated.
   *
   * @throws IOException when the file cannot be read, moved aside or written
   */
  public static Checkpoint open(Path file, String currentBootId) throws IOException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(currentBootId, "currentBootId");
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Map<String, CheckpointEntry> loaded = new LinkedHashMap<>();
    boolean rewrite = true;
    if (Files.exists(file)) {
      byte[] content = Files.readAllBytes(file);
      try {
        CheckpointCodec.decode(content).forEach(e -> loaded.put(e.claim().uid(), e));
        // An older format is rewritten at once, so its weaker checksum is not relied on.
        rewrite = CheckpointCodec.isLegacy(content);
      } catch (CorruptCheckpointException e) {
        Path aside = quarantine(file);
        LOG.error(
            "Checkpoint {} is corrupt ({}); moved it to {} and starting with an empty checkpoint."
                + " Claims prepared before are prepared again when the kubelet asks; inspect the"
                + " moved file to recover anything else.",
            file,
            e.getMessage(),
            aside,
            e);
      }
    }
    Checkpoint cp = new Checkpoint(file, currentBootId, Collections.unmodifiableMap(loaded));
    if (rewrite) {
      // Writing at once proves the directory is writable before the first claim depends on it.
      AtomicFile.write(file, CheckpointCodec.encode(List.of()), "rw-------");
    }
    long stale = loaded.values().stream().filter(e -> !e.fromCurrentBoot(currentBootId)).count();
    LOG.info(
        "Opened checkpoint {} with {} entries ({} from an earlier boot), boot ID {}",
        file,
        loaded.size(),
        stale,
        currentBootId);
    return cp;
  }

  /**
   * Removes the temporary files of {@code file} that a crash left between writing and renaming them
   * ({@code .<name>.<n>.tmp} next to it); each holds a full copy of the claims. Call it before
   * {@link #open} and while nothing else writes the checkpoint.
   *
   * @return how many were removed
   */
  public static int removeOrphanTempFiles(Path file) throws IOException {
    Path name = file.getFileName();
    return AtomicFile.removeOrphans(
        file.toAbsolutePath().getParent(),
        AtomicFile.tempNames(java.util.regex.Pattern.quote(name.toString())));
  }

  /**
   * Reads {@code sys/kernel/random/boot_id} below the given proc root (normally {@code /proc});
   * returns {@code "unknown"} when it cannot be read.
   */
  public static String readBootId(Path procRoot) {
    Path p = procRoot.resolve("sys/kernel/random/boot_id");
    try {
      String id = Files.readString(p, StandardCharsets.UTF_8).trim();
      if (!id.isEmpty()) {
        return id;
      }
      LOG.warn("Boot ID file {} is empty; reboots cannot be detected", p);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Cannot read boot ID from {} ({}); reboots cannot be detected", p, e.toString());
    }
    return UNKNOWN_BOOT;
  }

  /** The boot ID this checkpoint writes into new entries. */
  public String currentBootId() {
    return bootId;
  }

  /** The entry of a claim, if any. */
  public Optional<CheckpointEntry> get(String claimUid) {
    return Optional.ofNullable(entries.get(claimUid));
  }

  /** All entries, in the order they were first recorded. */
  public List<CheckpointEntry> entries() {
    return List.copyOf(entries.values());
  }

  /**
   * Records that preparing the claim began, replacing any earlier entry of the claim (a completed
   * one included: its result no longer describes the node once prepare runs again). Durable before
   * returning.
   */
  public void prepareStarted(ClaimRef claim) throws IOException {
    Objects.requireNonNull(claim, "claim");
    update(
        claim.uid(),
        Optional.of(
            new CheckpointEntry(
                claim, CheckpointEntry.State.PREPARE_STARTED, Optional.empty(), bootId)));
  }

  /** Records the result of a finished prepare; durable before returning. */
  public void prepareCompleted(PreparedClaim claim) throws IOException {
    Objects.requireNonNull(claim, "claim");
    update(
        claim.claim().uid(),
        Optional.of(
            new CheckpointEntry(
                claim.claim(),
                CheckpointEntry.State.PREPARE_COMPLETED,
                Optional.of(claim),
                bootId)));
  }

  /** Drops the claim's entry; a missing entry is a no-op. Durable before returning. */
  public void remove(String claimUid) throws IOException {
    Objects.requireNonNull(claimUid, "claimUid");
    update(claimUid, Optional.empty());
  }

  /**
   * Applies one change durably. Changes that arrive while another thread writes are committed
   * together by the next writer (group commit), so a batch of claims costs a few fsyncs rather than
   * two per claim. A failed write fails every change of its group and leaves memory and file as
   * they were.
   */
  private void update(String claimUid, Optional<CheckpointEntry> entry) throws IOException {
    PendingChange mine = new PendingChange(claimUid, entry);
    pending.add(mine);
    writer.lock();
    try {
      if (!mine.done) {
        commitPending();
      }
    } finally {
      writer.unlock();
    }
    if (mine.failure != null) {
      throw new IOException(mine.failure.getMessage(), mine.failure);
    }
    LOG.debug("Checkpoint {} updated for claim uid {}", file, claimUid);
  }

  /** Called with {@link #writer} held. */
  private void commitPending() {
    List<PendingChange> group = new ArrayList<>();
    for (PendingChange c = pending.poll(); c != null; c = pending.poll()) {
      group.add(c);
    }
    Map<String, CheckpointEntry> next = new LinkedHashMap<>(entries);
    for (PendingChange c : group) {
      if (c.entry.isPresent()) {
        next.put(c.claimUid, c.entry.get());
      } else {
        next.remove(c.claimUid);
      }
    }
    IOException failure = null;
    if (!next.equals(entries)) {
      try {
        AtomicFile.write(file, CheckpointCodec.encode(List.copyOf(next.values())), "rw-------");
        entries = Collections.unmodifiableMap(next);
      } catch (IOException | RuntimeException e) {
        failure =
            e instanceof IOException io
                ? io
                : new IOException("cannot encode checkpoint " + file + ": " + e, e);
        LOG.error(
            "Checkpoint update for claim uid(s) {} failed: {}",
            group.stream().map(c -> c.claimUid).toList(),
            e.getMessage());
      }
    }
    for (PendingChange c : group) {
      c.failure = failure;
      c.done = true;
    }
  }

  /** A change waiting for the next write; its fields are guarded by {@link #writer}. */
  private static final class PendingChange {
    final String claimUid;
    final Optional<CheckpointEntry> entry; // empty: remove
    boolean done;
    IOException failure;

    PendingChange(String claimUid, Optional<CheckpointEntry> entry) {
      this.claimUid = claimUid;
      this.entry = entry;
    }
  }

  private static Path quarantine(Path file) throws IOException {
    String stamp = QUARANTINE_STAMP.format(Instant.now());
    Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
    for (int i = 1; Files.exists(aside); i++) {
      aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp + "-" + i);
    }
    try {
      Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new IOException(
          "checkpoint "
              + file
              + " is corrupt and cannot be moved aside to "
              + aside
              + ": "
              + AtomicFile.describe(e)
              + "; move or delete it by hand",
          e);
    }
    return aside;
  }
}
