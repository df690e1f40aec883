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
package io.dra4j.runtime.internal.slices;

import io.dra4j.api.device.AttributeValue;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.DeviceTaint;
import io.dra4j.api.device.Limits;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.QualifiedName;
import io.dra4j.api.device.TaintEffect;
import io.dra4j.runtime.internal.kube.JsonInformer;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Device;
import io.kubernetes.client.openapi.models.V1DeviceAttribute;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which device fields of the model the API server's Kubernetes version can store: the one place the
 * publisher compares a feature with the server's minor version. A field the server cannot store is
 * refused at publish, naming the device, the field and the version; a field that an older server
 * stores only with an alpha feature gate is published with a warning; taints a server stores fewer
 * of are cut to what it stores, with a warning.
 */
final class ServerSupport {
  // Under the publisher's name: one logger setting covers every part of it.
  private static final Logger LOG = LoggerFactory.getLogger(SlicePublisher.class);

  private static final Comparator<DeviceTaint> STRONGEST_FIRST =
      Comparator.comparingInt(t -> t.effect() == TaintEffect.NO_EXECUTE ? 0 : 1);

  private final String who;
  private final AtomicBoolean warned = new AtomicBoolean();
  // Only the reconcile thread adapts taints.
  private final Set<String> taintsWarned = new HashSet<>();

  ServerSupport(String who) {
    this.who = who;
  }

  /**
   * Checks that a server of {@code version} (unknown: everything is published and the server
   * decides) can store every field of {@code pool}.
   *
   * @throws IllegalArgumentException naming the device, the attribute and the server version when a
   *     list attribute meets a server older than Kubernetes 1.36
   */
  void check(Pool pool, ServerVersion version) {
    if (!version.known()) {
      return;
    }
    for (Device d : pool.devices()) {
      if (!version.hasListAttributes()) {
        for (Map.Entry<QualifiedName, AttributeValue> a : d.attributes().entrySet()) {
          if (a.getValue().isList()) {
            throw new IllegalArgumentException(
                "device "
                    + d.name()
                    + " of pool "
                    + pool.name()
                    + ": attribute "
                    + a.getKey()
                    + " is a list, and the API server runs Kubernetes "
                    + version
                    + ", which has no list attributes: they need Kubernetes 1.36 or later with"
                    + " the alpha feature gate DRAListTypeAttributes enabled (off by default);"
                    + " publish one value, or one attribute per value, on this cluster");
          }
        }
      }
      if (version.sharingAndBindingAlpha()
          && usesAlphaFields(d)
          && warned.compareAndSet(false, true)) {
        LOG.warn(
            "{}: device {} of pool {} has request policies or binding conditions; the API server"
                + " runs Kubernetes {}, where they are alpha and stored only with the feature"
                + " gates DRAConsumableCapacity or DRADeviceBindingConditions and"
                + " DRAResourceClaimDeviceStatus enabled",
            who,
            d.name(),
            pool.name(),
            version);
      }
    }
  }

  /**
   * {@code pool} with each device's taints as a server of {@code version} stores them. Kubernetes
   * 1.34 (device taints alpha, behind DRADeviceTaints) refuses a slice with a taint of effect
   * {@code None} or with more than {@value Limits#MAX_TAINTS_PER_DEVICE_1_34} taints on a device,
   * which leaves the whole pool unusable: for it, {@code None} taints (informational: they keep no
   * pod away) are left out and the {@value Limits#MAX_TAINTS_PER_DEVICE_1_34} taints with the
   * strongest effect are kept ({@code NoExecute} before {@code NoSchedule}, otherwise in the
   * driver's order), with a warning naming each device the first time. Other releases get the pool
   * unchanged.
   */
  Pool storable(Pool pool, ServerVersion version) {
    if (!version.taintsAsIn134() || pool.devices().stream().noneMatch(ServerSupport::cut)) {
      return pool;
    }
    List<Device> devices = new ArrayList<>(pool.devices().size());
    for (Device d : pool.devices()) {
      devices.add(cut(d) ? storableTaints(pool, d, version) : d);
    }
    return new Pool(pool.name(), pool.scope(), devices, pool.sharedCounters());
  }

  private Device storableTaints(Pool pool, Device d, ServerVersion version) {
    List<DeviceTaint> kept =
        d.taints().stream()
            .filter(t -> t.effect() != TaintEffect.NONE)
            .sorted(STRONGEST_FIRST)
            .limit(Limits.MAX_TAINTS_PER_DEVICE_1_34)
            .toList();
    if (taintsWarned.add(pool.name() + "/" + d.name())) {
      LOG.warn(
          "{}: device {} of pool {} has {} taints ({} with effect None); the API server runs"
              + " Kubernetes {}, which stores at most {} per device and no effect None, so {} are"
              + " published: {}",
          who,
          d.name(),
          pool.name(),
          d.taints().size(),
          d.taints().stream().filter(t -> t.effect() == TaintEffect.NONE).count(),
          version,
          Limits.MAX_TAINTS_PER_DEVICE_1_34,
          kept.size(),
          kept.stream().map(t -> t.key() + ":" + t.effect().apiName()).toList());
    }
    Device.Builder b = d.toBuilder().clearTaints();
    kept.forEach(b::taint);
    return b.build();
  }

  private static boolean cut(Device d) {
    return d.taints().size() > Limits.MAX_TAINTS_PER_DEVICE_1_34
        || d.taints().stream().anyMatch(t -> t.effect() == TaintEffect.NONE);
  }

  private static boolean usesAlphaFields(Device d) {
    return !d.requestPolicies().isEmpty() || !d.binding().isImmediate();
  }

  /**
   * Why the server refused {@code slice}, when the cause is a server feature rather than the slice:
   * a Kubernetes 1.36+ API server without the alpha gate DRAListTypeAttributes drops list values,
   * leaving attributes without a value, and then rejects them.
   */
  static Optional<String> rejectionHint(V1ResourceSlice slice, ApiException e) {
    if (e.getCode() != 422 || slice.getSpec() == null || slice.getSpec().getDevices() == null) {
      return Optional.empty();
    }
    // The wording differs between releases; the field path the server names does not.
    String message = JsonInformer.statusMessage(e);
    List<V1Device> devices = slice.getSpec().getDevices();
    for (int i = 0; i < devices.size(); i++) {
      V1Device d = devices.get(i);
      Map<String, V1DeviceAttribute> attrs =
          d.getAttributes() == null ? Map.of() : d.getAttributes();
      for (Map.Entry<String, V1DeviceAttribute> a : attrs.entrySet()) {
        String path = "spec.devices[" + i + "].attributes[" + a.getKey() + "]";
        if (isList(a.getValue()) && message.contains(path + ": Invalid value: \"\"")) {
          return Optional.of(
              "device "
                  + d.getName()
                  + ": list attribute "
                  + a.getKey()
                  + " was dropped by the API server, which has the alpha feature gate"
                  + " DRAListTypeAttributes off (the default in Kubernetes 1.36 and 1.37): enable"
                  + " it on kube-apiserver, kube-scheduler and kube-controller-manager, or publish"
                  + " scalar attributes");
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isList(V1DeviceAttribute a) {
    return notEmpty(a.getInts())
        || notEmpty(a.getBools())
        || notEmpty(a.getStrings())
        || notEmpty(a.getVersions());
  }

  private static boolean notEmpty(List<?> l) {
    return l != null && !l.isEmpty();
  }
}
