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

import io.dra4j.api.prepare.ClaimRef;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where device metadata lives, and the names that go into those paths. Every name that becomes a
 * path segment or a CDI name is checked here first, so a name from the kubelet or the API server
 * can never escape its directory or produce an invalid CDI spec.
 *
 * <ul>
 *   <li>host file: {@code <pluginDataDir>/dra-device-metadata/<claimUid>/<request>/metadata.json}
 *   <li>CDI spec: {@code <cdiDir>/<driver>_metadata_<claimUid>_<request>.json}, kind {@code
 *       <driver>/metadata}, device {@code <claimUid>_<request>}
 *   <li>in the container: {@code
 *       /var/run/kubernetes.io/dra-device-attributes/resourceclaims/<claim>/<request>/<driver>-metadata.json},
 *       or {@code .../resourceclaimtemplates/<podClaimName>/...} for a claim made from a template
 * </ul>
 *
 * <p>The request is always the base request ({@code gpu} for {@code gpu/large}).
 */
public final class MetadataLayout {
  /** The directory inside containers under which metadata files appear. */
  public static final String CONTAINER_DIR = "/var/run/kubernetes.io/dra-device-attributes";

  /** The subdirectory of the plugin data directory that holds the host files. */
  static final String HOST_SUBDIR = "dra-device-metadata";

  // Kubernetes names: request names and pod claim names are DNS labels, claim names DNS
  // subdomains, namespaces DNS labels. None of them can be '.', '..' or contain '/'.
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  // Claim UIDs are UUIDs; no '_', which separates the UID from the request in CDI names.
  private static final Pattern UID = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62}[A-Za-z0-9])?");

  private final String driver;
  private final Path hostDir;
  private final Path cdiDir;

  /**
   * @param driver the driver name
   * @param pluginDataDir the driver's directory under the kubelet plugins directory
   * @param cdiDir the CDI spec directory
   */
  public MetadataLayout(String driver, Path pluginDataDir, Path cdiDir) {
    this.driver = Objects.requireNonNull(driver, "driver");
    this.hostDir = pluginDataDir.resolve(HOST_SUBDIR);
    this.cdiDir = Objects.requireNonNull(cdiDir, "cdiDir");
  }

  /** The directory holding every host file of all claims. */
  Path hostRoot() {
    return hostDir;
  }

  /** The directory holding the host files of one claim. */
  Path claimDir(String claimUid) {
    return hostDir.resolve(uid(claimUid));
  }

  /** The host file of one request of a claim. */
  Path hostFile(String claimUid, String request) {
    return claimDir(claimUid).resolve(request(request)).resolve("metadata.json");
  }

  /** The CDI spec directory. */
  Path cdiDir() {
    return cdiDir;
  }

  /** The CDI spec file of one request of a claim. */
  Path specFile(String claimUid, String request) {
    return cdiDir.resolve(specPrefix(claimUid) + request(request) + ".json");
  }

  /** The start of the file names of a claim's CDI specs, for removing them all. */
  String specPrefix(String claimUid) {
    return driver + "_metadata_" + uid(claimUid) + "_";
  }

  /** The CDI kind, {@code <driver>/metadata}. */
  String cdiKind() {
    return driver + "/metadata";
  }

  /** The CDI device name of one request, {@code <claimUid>_<request>}. */
  String cdiDeviceName(String claimUid, String request) {
    return uid(claimUid) + "_" + request(request);
  }

  /** The fully qualified CDI device ID the kubelet passes to the container runtime. */
  public String cdiDeviceId(String claimUid, String request) {
    return cdiKind() + "=" + cdiDeviceName(claimUid, request);
  }

  /**
   * Where a container finds the file of one request: under {@code resourceclaimtemplates/} and the
   * pod's name for the claim when the claim was made from a template, else under {@code
   * resourceclaims/} and the claim's name.
   */
  public String containerFile(ClaimRef claim, Optional<String> podClaimName, String request) {
    String dir =
        podClaimName.isPresent()
            ? "resourceclaimtemplates/" + label("pod claim name", podClaimName.get())
            : "resourceclaims/" + claimName(claim.name());
    return CONTAINER_DIR + "/" + dir + "/" + request(request) + "/" + driver + "-metadata.json";
  }

  /** Checks a claim's namespace, name and UID; returns nothing, throws on a bad one. */
  void checkClaim(ClaimRef claim) {
    label("namespace", claim.namespace());
    claimName(claim.name());
    uid(claim.uid());
  }

  private static String request(String request) {
    return label("request name", request);
  }

  private static String claimName(String name) {
    if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
      throw invalid("claim name", name, "a DNS subdomain (lower-case letters, digits, '-', '.')");
    }
    return name;
  }

  private static String label(String what, String value) {
    if (!DNS_LABEL.matcher(value).matches()) {
      throw invalid(what, value, "a DNS label (at most 63 lower-case letters, digits and '-')");
    }
    return value;
  }

  private static String uid(String uid) {
    if (!UID.matcher(uid).matches()) {
      throw invalid("claim UID", uid, "letters, digits and '-', as in a UUID");
    }
    return uid;
  }

  private static IllegalArgumentException invalid(String what, String value, String rule) {
    return new IllegalArgumentException(
        what
            + " '"
            + value
            + "' cannot name a device metadata file: it must be "
            + rule
            + ", as the API server enforces; the kubelet or the ResourceClaim sent a name no"
            + " Kubernetes object can have");
  }
}
