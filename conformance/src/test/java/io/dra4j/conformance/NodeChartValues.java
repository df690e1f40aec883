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
package io.dra4j.conformance;

import com.google.gson.GsonBuilder;
import io.dra4j.api.HostPaths;
import io.dra4j.conformance.cluster.ControlPlane;
import io.dra4j.conformance.node.RealNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The values (a JSON file, which helm reads as YAML) that install a driver's chart onto a real node
 * of the suite: the imported image with {@code imagePullPolicy: Never}, the node's kubelet and CDI
 * directories, the fixture's sysfs and device trees, only this node (its group label, its taint),
 * and API access for a pod here. The control plane listens on loopback only and has neither
 * kube-proxy nor the ServiceAccount admission plugin, so the pod runs in the node's network
 * namespace, is told the API server's address, and mounts a projected service-account token with
 * the cluster's CA ({@code kube-root-ca.crt}) where a cluster's admission would put it.
 *
 * @param driver the chart's directory name, {@code neuron} or {@code efa}
 * @param name the chart's {@code nameOverride}: the DaemonSet's pods carry it as {@code
 *     app.kubernetes.io/name}
 * @param deviceClass the name of the chart's DeviceClass
 */
record NodeChartValues(String driver, String name, String deviceClass) {
  static final String SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

  /** The values of {@code driver}'s chart for the node of namespace {@code ns}. */
  static NodeChartValues of(String driver, String ns) {
    return new NodeChartValues(driver, driver + "-" + ns, driver + "." + ns + ".e2e.dra4j.io");
  }

  /** The chart's directory. */
  Path chart() {
    return Clusters.repoRoot().resolve("drivers").resolve(driver).resolve("chart");
  }

  /**
   * Writes the values for {@code image} on {@code node} with the fixture trees {@code host} into
   * the node's log directory; {@code revision} goes into a pod annotation, so that a new revision
   * rolls the DaemonSet. The driver serves its metrics and probes on {@code metricsPort} of the
   * node's network: the readiness probe ({@code /readyz}, true once the kubelet confirmed the
   * registration) keeps the old pod of a rolling update until the new one is registered, and the
   * old and the new pod need different ports.
   */
  Path write(
      DriverImage image,
      RealNode node,
      HostPaths host,
      ControlPlane cluster,
      String ns,
      String revision,
      int metricsPort)
      throws IOException {
    URI api = URI.create(cluster.serverUrl());
    Map<String, Object> projected =
        Map.of(
            "sources",
            List.of(
                Map.of("serviceAccountToken", Map.of("path", "token", "expirationSeconds", 3600)),
                Map.of(
                    "configMap",
                    Map.of(
                        "name",
                        "kube-root-ca.crt",
                        "items",
                        List.of(Map.of("key", "ca.crt", "path", "ca.crt")))),
                Map.of(
                    "downwardAPI",
                    Map.of(
                        "items",
                        List.of(
                            Map.of(
                                "path",
                                "namespace",
                                "fieldRef",
                                Map.of("fieldPath", "metadata.namespace")))))));
    Map<String, Object> plugin =
        Map.ofEntries(
            Map.entry("kubeletRegistrarDirectoryPath", node.registrarDir().toString()),
            Map.entry("kubeletPluginsDirectoryPath", node.pluginsDir().toString()),
            Map.entry("cdiRoot", node.cdiDir().toString()),
            Map.entry("sysRoot", host.sys().toAbsolutePath().toString()),
            Map.entry("devRoot", host.dev().toAbsolutePath().toString()),
            Map.entry("hostNetwork", true),
            Map.entry("metrics", Map.of("port", metricsPort)),
            Map.entry("nodeSelector", Map.of(TestObjects.GROUP_LABEL, ns)),
            Map.entry(
                "tolerations", List.of(Map.of("key", NodeStory.NODE_TAINT, "operator", "Exists"))),
            Map.entry("podAnnotations", Map.of("e2e.dra4j.io/revision", revision)),
            Map.entry(
                "extraEnv",
                List.of(
                    Map.of("name", "KUBERNETES_SERVICE_HOST", "value", api.getHost()),
                    Map.of("name", "KUBERNETES_SERVICE_PORT", "value", "" + api.getPort()))),
            Map.entry(
                "extraVolumes", List.of(Map.of("name", "api-access", "projected", projected))),
            Map.entry(
                "extraVolumeMounts",
                List.of(
                    Map.of(
                        "name",
                        "api-access",
                        "mountPath",
                        SERVICE_ACCOUNT_DIR,
                        "readOnly",
                        true))));
    Map<String, Object> values =
        Map.of(
            "nameOverride",
            name,
            "image",
            Map.of("repository", image.repository(), "tag", image.tag(), "pullPolicy", "Never"),
            "deviceClass",
            Map.of("name", deviceClass),
            "kubeletPlugin",
            plugin);
    Path file = node.logDir().resolve(driver + "-values-" + revision + ".json");
    Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(values));
    return file;
  }
}
