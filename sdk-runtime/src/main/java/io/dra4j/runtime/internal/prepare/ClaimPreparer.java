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
package io.dra4j.runtime.internal.prepare;

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.config.AppliedConfig;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.prepare.PreparedClaim;
import io.dra4j.api.prepare.PreparedDevice;
import io.dra4j.runtime.internal.cdi.CdiResult;
import io.dra4j.runtime.internal.cdi.CdiSpecWriter;
import io.dra4j.runtime.internal.checkpoint.Checkpoint;
import io.dra4j.runtime.internal.checkpoint.CheckpointEntry;
import io.dra4j.runtime.internal.claims.AllocatedClaim;
import io.dra4j.runtime.internal.claims.ClaimLookup;
import io.dra4j.runtime.internal.claims.ClaimLookupException;
import io.dra4j.runtime.internal.claims.DeviceResult;
import io.dra4j.runtime.internal.claimstatus.PreparedStatusReporter;
import io.dra4j.runtime.internal.config.ConfigDecodingException;
import io.dra4j.runtime.internal.config.OpaqueConfigDecoder;
import io.dra4j.runtime.internal.metadata.DeviceMetadataFiles;
import io.dra4j.runtime.internal.prepare.ClaimError.Reason;
import io.dra4j.runtime.internal.slices.PublishedDevices;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares and unprepares one claim: checkpoint, claim lookup, config decoding, the provider call
 * and the CDI spec. Every failure becomes this claim's error; nothing here throws. Callers make
 * sure one claim is never handled by two threads at once.
 */
public final class ClaimPreparer {
  private static final Logger LOG = LoggerFactory.getLogger(ClaimPreparer.class);

  private final DeviceProvider provider;
  private final String driver;
  private final ClaimLookup lookup;
  private final Checkpoint checkpoint;
  private final CdiSpecWriter cdi;
  private final Path cdiDir;
  private final OpaqueConfigDecoder decoder;
  private final Optional<DeviceMetadataFiles> metadata;
  private final PreparationChecks checks;
  private final PreparedStatusReporter status;

  /** A preparer that does not check pools against what the driver published. */
  public ClaimPreparer(
      DeviceProvider provider,
      ClaimLookup lookup,
      Checkpoint checkpoint,
      CdiSpecWriter cdi,
      Path cdiDir,
      OpaqueConfigDecoder decoder) {
    this(provider, lookup, checkpoint, cdi, cdiDir, decoder, Steps.none());
  }

  /**
   * The optional steps around a prepare.
   *
   * @param pools what the provider published from this node: a device of another pool is refused
   * @param metadata writes device metadata files for containers when enabled, and removes them on
   *     unprepare either way
   * @param status writes the devices' reported status to the claim after a prepare and removes it
   *     on unprepare (it never fails a claim)
   */
  public record Steps(
      PublishedDevices pools,
      Optional<DeviceMetadataFiles> metadata,
      PreparedStatusReporter status) {
    /** No pool check, no metadata files, no status. */
    public static Steps none() {
      return new Steps(new PublishedDevices(), Optional.empty(), PreparedStatusReporter.none());
    }
  }

  /** A preparer with the given optional steps. */
  public ClaimPreparer(
      DeviceProvider provider,
      ClaimLookup lookup,
      Checkpoint checkpoint,
      CdiSpecWriter cdi,
      Path cdiDir,
      OpaqueConfigDecoder decoder,
      Steps steps) {
    this.metadata = steps.metadata();
    this.status = steps.status();
    this.provider = provider;
    this.driver = provider.driverName();
    this.lookup = lookup;
    this.checkpoint = checkpoint;
    this.cdi = cdi;
    this.cdiDir = cdiDir;
    this.decoder = decoder;
    this.checks = new PreparationChecks(driver, provider, steps.pools());
  }

  /** The number of claims prepared on this node, as the checkpoint records them. */
  public int preparedClaims() {
    return (int)
        checkpoint.entries().stream()
            .filter(e -> e.state() == CheckpointEntry.State.PREPARE_COMPLETED)
            .count();
  }

  /** Prepares one claim, or returns what an earlier prepare of this boot produced. */
  public ClaimAnswer prepare(ClaimRef ref) {
    Optional<CheckpointEntry> entry = checkpoint.get(ref.uid());
    // Only a completed entry holds a result (CheckpointEntry enforces it).
    Optional<PreparedClaim> earlier =
        entry
            .filter(e -> e.fromCurrentBoot(checkpoint.currentBootId()))
            .flatMap(CheckpointEntry::prepared);
    if (earlier.isPresent()) {
      LOG.debug("claim {} was prepared before; rewriting its CDI spec", ref);
      return writeSpecAndAnswer(ref, earlier.get().preparation(), recordedPodClaimName(ref));
    }
    if (entry.isPresent()) {
      LOG.info(
          "claim {} is re-prepared: its checkpoint entry is {} from boot {}",
          ref,
          entry.get().state(),
          entry.get().bootId());
    }
    AllocatedClaim claim;
    try {
      claim = lookup.lookup(ref);
    } catch (ClaimLookupException e) {
      return ClaimAnswer.failed(reason(e.reason()), "the ResourceClaim " + e.problem());
    } catch (RuntimeException e) {
      LOG.warn("looking up claim {} for driver {} failed", ref, driver, e);
      return ClaimAnswer.failed(
          Reason.CLAIM_READ_FAILED,
          "the ResourceClaim cannot be read from the API server: " + e + "; the kubelet retries");
    }
    List<AllocatedDevice> mine = new ArrayList<>();
    for (DeviceResult result : claim.devices()) {
      if (result.driver().equals(driver)) {
        mine.add(result.device());
      }
    }
    if (mine.isEmpty()) {
      return ClaimAnswer.failed(
          Reason.NOT_ALLOCATED_TO_DRIVER,
          "the claim has no device allocated by driver "
              + driver
              + "; the kubelet asked the wrong driver or the allocation changed: check"
              + " status.allocation of the claim");
    }
    Optional<String> foreign = checks.foreignPool(mine);
    if (foreign.isPresent()) {
      return ClaimAnswer.failed(Reason.POOL_NOT_ON_NODE, foreign.get());
    }
    List<AppliedConfig> configs;
    try {
      configs = decoder.decode(ref, claim.configs());
    } catch (ConfigDecodingException e) {
      return ClaimAnswer.failed(Reason.CONFIG_INVALID, e.detail());
    }
    try {
      checkpoint.prepareStarted(ref);
    } catch (IOException e) {
      return ClaimAnswer.failed(
          Reason.CHECKPOINT_FAILED, "cannot record the claim in the checkpoint: " + e.getMessage());
    }
    Preparation preparation;
    try {
      preparation = provider.prepare(new PrepareRequest(ref, mine, configs, claim.reservedFor()));
    } catch (PrepareException e) {
      return ClaimAnswer.failed(Reason.PROVIDER_FAILED, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("provider of driver {} threw while preparing claim {}", driver, ref, e);
      return ClaimAnswer.failed(
          Reason.PROVIDER_FAILED, "driver " + driver + " failed to prepare the claim: " + e);
    }
    if (preparation == null) {
      return undo(
          ref,
          emptyPreparation(),
          ClaimAnswer.failed(
              Reason.INVALID_PREPARATION,
              "driver "
                  + driver
                  + " returned no Preparation; this is a bug in "
                  + provider.getClass().getName()));
    }
    Optional<String> coverage = checks.coverageProblem(mine, preparation);
    if (coverage.isPresent()) {
      return undo(ref, preparation, ClaimAnswer.failed(Reason.INVALID_PREPARATION, coverage.get()));
    }
    ClaimAnswer answer = writeSpecAndAnswer(ref, preparation, claim.podClaimName());
    if (answer.failed()) {
      return undo(ref, preparation, answer);
    }
    try {
      checkpoint.prepareCompleted(new PreparedClaim(ref, preparation));
    } catch (IOException e) {
      removeSpec(ref);
      return undo(
          ref,
          preparation,
          ClaimAnswer.failed(
              Reason.CHECKPOINT_FAILED,
              "the claim was prepared but cannot be recorded in the checkpoint: "
                  + e.getMessage()));
    }
    status.prepared(ref, preparation);
    return answer;
  }

  /**
   * Undoes the provider's work after a later step failed, so a failed prepare leaves no device
   * configured; the checkpoint keeps the started entry, so a failed undo is retried by unprepare.
   */
  private ClaimAnswer undo(ClaimRef ref, Preparation preparation, ClaimAnswer failure) {
    try {
      provider.unprepare(new PreparedClaim(ref, preparation));
      LOG.info(
          "claim {}: undid the provider's prepare of driver {} after {}",
          ref,
          driver,
          failure.error().map(ClaimError::reason).orElse(Reason.INTERNAL));
      return failure;
    } catch (PrepareException | RuntimeException e) {
      LOG.warn("claim {}: undoing the prepare of driver {} failed too", ref, driver, e);
      ClaimError error = failure.error().orElseThrow();
      return ClaimAnswer.failed(
          error.reason(),
          error.message()
              + " (undoing the device preparation failed as well: "
              + e.getMessage()
              + "; the next unprepare of the claim retries it)");
    }
  }

  private static Preparation emptyPreparation() {
    return new Preparation(List.of(), ContainerEdits.none());
  }

  /** Unprepares one claim from the checkpoint alone; an unknown claim is already unprepared. */
  public ClaimAnswer unprepare(ClaimRef ref) {
    Optional<CheckpointEntry> entry = checkpoint.get(ref.uid());
    if (entry.isEmpty()) {
      LOG.debug("claim {} is not prepared on this node; nothing to do", ref);
      // A spec left by a crash between writing it and recording the claim goes too, but the claim
      // is unprepared whatever the state of the CDI directory.
      removeSpec(ref)
          .error()
          .ifPresent(e -> LOG.warn("claim {} is not prepared; {}", ref, e.message()));
      return ClaimAnswer.ok();
    }
    PreparedClaim prepared =
        entry
            .get()
            .prepared()
            .orElseGet(() -> new PreparedClaim(entry.get().claim(), emptyPreparation()));
    try {
      provider.unprepare(prepared);
    } catch (PrepareException e) {
      return ClaimAnswer.failed(Reason.PROVIDER_FAILED, e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("provider of driver {} threw while unpreparing claim {}", driver, ref, e);
      return ClaimAnswer.failed(
          Reason.PROVIDER_FAILED, "driver " + driver + " failed to unprepare the claim: " + e);
    }
    ClaimAnswer removed = removeSpec(ref);
    if (removed.failed()) {
      return removed;
    }
    try {
      checkpoint.remove(ref.uid());
    } catch (IOException e) {
      return ClaimAnswer.failed(
          Reason.CHECKPOINT_FAILED,
          "the claim was unprepared but the checkpoint cannot be updated: " + e.getMessage());
    }
    status.unprepared(ref);
    return ClaimAnswer.ok();
  }

  private ClaimAnswer removeSpec(ClaimRef ref) {
    try {
      cdi.remove(ref.uid());
      if (metadata.isPresent()) {
        metadata.get().remove(ref.uid());
      }
      return ClaimAnswer.ok();
    } catch (IOException | RuntimeException e) {
      return ClaimAnswer.failed(
          Reason.CDI_WRITE_FAILED,
          "cannot remove the CDI spec of the claim from "
              + cdiDir
              + ": "
              + e.getMessage()
              + "; check that this directory is writable");
    }
  }

  private ClaimAnswer writeSpecAndAnswer(
      ClaimRef ref, Preparation preparation, Optional<String> podClaimName) {
    CdiResult result;
    try {
      result = cdi.write(ref, preparation);
    } catch (IllegalArgumentException e) {
      // The edits break a CDI rule; the message names the claim, the device and the rule.
      return ClaimAnswer.failed(
          Reason.INVALID_PREPARATION,
          "driver "
              + driver
              + " returned container edits that are not a valid CDI spec: "
              + e.getMessage()
              + "; this is a bug in "
              + provider.getClass().getName());
    } catch (IOException | RuntimeException e) {
      return ClaimAnswer.failed(
          Reason.CDI_WRITE_FAILED,
          "cannot write the CDI spec of the claim to "
              + cdiDir
              + ": "
              + e.getMessage()
              + "; check that this directory exists, is writable and has free space");
    }
    List<PreparedDevice> prepared = preparation.devices();
    Map<String, String> metadataIds;
    try {
      metadataIds = writeMetadata(ref, podClaimName, prepared);
    } catch (IllegalArgumentException e) {
      return ClaimAnswer.failed(Reason.MALFORMED_REQUEST, e.getMessage());
    } catch (IOException | RuntimeException e) {
      return ClaimAnswer.failed(
          Reason.CDI_WRITE_FAILED,
          "cannot write the device metadata of the claim: "
              + e.getMessage()
              + "; check that the plugin data directory and "
              + cdiDir
              + " are writable and have free space");
    }
    List<DeviceAnswer> devices = new ArrayList<>();
    for (int i = 0; i < prepared.size(); i++) {
      AllocatedDevice d = prepared.get(i).device();
      List<String> ids = new ArrayList<>(result.deviceIds().get(i));
      // The metadata mount goes with the first device of each request, as the Go helper does.
      String metadataId = metadataIds.remove(d.baseRequest());
      if (metadataId != null) {
        ids.add(metadataId);
      }
      devices.add(
          new DeviceAnswer(List.of(d.baseRequest()), d.pool(), d.device(), ids, d.shareId()));
    }
    return ClaimAnswer.ok(devices);
  }

  private Map<String, String> writeMetadata(
      ClaimRef ref, Optional<String> podClaimName, List<PreparedDevice> prepared)
      throws IOException {
    if (metadata.isEmpty() || !metadata.get().enabled()) {
      return new LinkedHashMap<>();
    }
    List<AllocatedDevice> devices = prepared.stream().map(PreparedDevice::device).toList();
    return new LinkedHashMap<>(metadata.get().write(ref, podClaimName, devices));
  }

  /**
   * The pod claim name of a claim prepared before: as its metadata files recorded it, or, when they
   * are gone, as the API server has it now. Without metadata, or when neither knows, empty.
   */
  private Optional<String> recordedPodClaimName(ClaimRef ref) {
    if (metadata.isEmpty() || !metadata.get().enabled()) {
      return Optional.empty();
    }
    if (metadata.get().hasFiles(ref)) {
      return metadata.get().recordedPodClaimName(ref);
    }
    try {
      return lookup.lookup(ref).podClaimName();
    } catch (ClaimLookupException | RuntimeException e) {
      LOG.warn(
          "claim {} of driver {}: its device metadata is rewritten without the pod claim name,"
              + " because the claim cannot be read: {}",
          ref,
          driver,
          e.getMessage());
      return Optional.empty();
    }
  }

  private static Reason reason(ClaimLookupException.Reason lookup) {
    return switch (lookup) {
      case NOT_FOUND -> Reason.CLAIM_NOT_FOUND;
      case REPLACED -> Reason.CLAIM_REPLACED;
      case NOT_ALLOCATED -> Reason.NOT_ALLOCATED;
      case NOT_ALLOCATED_TO_DRIVER -> Reason.NOT_ALLOCATED_TO_DRIVER;
      case READ_FAILED -> Reason.CLAIM_READ_FAILED;
    };
  }
}
