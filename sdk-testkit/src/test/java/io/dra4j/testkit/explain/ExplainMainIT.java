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
package io.dra4j.testkit.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.testkit.apiserver.FakeApiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explain command against the in-memory API server, over HTTP and a kubeconfig. */
class ExplainMainIT {
  private static final String GPU = "gpu.example.com";

  @TempDir Path dir;
  private FakeApiServer server;
  private Path kubeconfig;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void cluster() {
    server = FakeApiServer.start();
    kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"));
    server.apply(
        """
        apiVersion: v1
        kind: Node
        metadata: {name: node-1, labels: {pool: a}}
        ---
        apiVersion: v1
        kind: Node
        metadata: {name: node-2, labels: {pool: b}}
        ---
        apiVersion: resource.k8s.io/v1
        kind: DeviceClass
        metadata: {name: gpu.example.com}
        spec: {selectors: [{cel: {expression: "device.driver == 'gpu.example.com'"}}]}
        ---
        apiVersion: resource.k8s.io/v1
        kind: ResourceSlice
        metadata: {name: node-1-gpu}
        spec:
          driver: gpu.example.com
          nodeName: node-1
          pool: {name: node-1, generation: 0, resourceSliceCount: 1}
          devices: [{name: gpu-0}, {name: gpu-1}]
        """);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  private int run(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    if (!all.contains("--kubeconfig") && !env.containsKey("KUBECONFIG")) {
      all.addAll(List.of("--kubeconfig", kubeconfig.toString()));
    }
    return ExplainMain.run(
        all,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String output() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String errors() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private void claim(String name, int count) {
    server.apply(
        "{apiVersion: resource.k8s.io/v1, kind: ResourceClaim, metadata: {name: "
            + name
            + ", namespace: default}, spec: {devices: {requests: [{name: gpu, exactly:"
            + " {deviceClassName: "
            + GPU
            + ", count: "
            + count
            + "}}]}}}");
  }

  /** A claim of another pod that holds gpu-0 of node-1. */
  private void gpu0Taken() {
    server.apply(
        """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaim
        metadata: {name: other, namespace: default}
        spec: {devices: {requests: [{name: gpu, exactly: {deviceClassName: gpu.example.com}}]}}
        status:
          allocation:
            devices:
              results: [{request: gpu, driver: gpu.example.com, pool: node-1, device: gpu-0}]
            nodeSelector:
              nodeSelectorTerms:
              - matchFields: [{key: metadata.name, operator: In, values: [node-1]}]
        """);
  }

  /** A pod in pool a whose claim {@code gpus} was generated from a template as {@code claim}. */
  private void podWithGeneratedClaim(String pod, String claim) {
    server.apply(
        "{apiVersion: v1, kind: Pod, metadata: {name: "
            + pod
            + ", namespace: default}, spec: {nodeSelector: {pool: a}, containers: [{name: main,"
            + " image: pause}], resourceClaims: [{name: gpus, resourceClaimTemplateName: t}]},"
            + " status: {phase: Pending, resourceClaimStatuses: [{name: gpus, resourceClaimName: "
            + claim
            + "}]}}");
  }

  @Test
  void aClaimThatCannotBeSatisfiedIsExplainedPerNodeClaimAndRequest() {
    claim("big-gpus", 3);
    podWithGeneratedClaim("big", "big-gpus");

    assertThat(run("--pod", "big")).isZero();

    assertThat(output())
        .startsWith("pod default/big\n  claim default/big-gpus (pod claim gpus): pending\n")
        .contains("nodes: 1 of 2, chosen by the pod's spec.nodeSelector {pool=a}")
        .contains(
            "node node-1: does not fit: claim default/big-gpus request gpu needs 3 device(s) of"
                + " class gpu.example.com, 2 usable of 2 matching")
        .contains("    request gpu (class gpu.example.com, ExactCount 3): 2 devices on node")
        .contains("result: no node fits the pending claims (1 tried); node node-1: does not fit:")
        .doesNotContain("node-2:");
    assertThat(errors()).isEmpty();
  }

  @Test
  void devicesAllocatedToOtherClaimsCountAsInUse() {
    gpu0Taken();
    claim("two-gpus", 2);
    podWithGeneratedClaim("two", "two-gpus");

    assertThat(run("--pod", "two")).isZero();

    assertThat(output())
        .contains("needs 2 device(s) of class gpu.example.com, 1 usable of 2 matching (1 in use)")
        .contains("in use (1):")
        .contains("gpu.example.com/node-1/gpu-0 by default/other");
  }

  @Test
  void anAllocatableClaimIsSaidToFit() {
    gpu0Taken();
    claim("one", 1);

    assertThat(run("--claim", "one")).isZero();

    assertThat(output())
        .startsWith("ResourceClaim default/one\n  claim default/one: pending\n")
        .contains("nodes: all 2\n")
        .contains("node node-1: fits")
        .contains("result: the pending claims fit on node node-1: the allocator finds room");
  }

  @Test
  void anAllocatedClaimIsReportedWithItsDevices() {
    gpu0Taken();

    assertThat(run("--claim", "other")).isZero();

    assertThat(output())
        .isEqualTo(
            "ResourceClaim default/other\n"
                + "  claim default/other: allocated: gpu.example.com/node-1/gpu-0\n"
                + "result: the claim is allocated\n");
  }

  @Test
  void aClaimNotYetCreatedFromItsTemplateIsMissingAndNamesTheController() {
    server.apply(
        "{apiVersion: v1, kind: Pod, metadata: {name: early, namespace: default}, spec:"
            + " {containers: [{name: main, image: pause}], resourceClaims: [{name: gpus,"
            + " resourceClaimTemplateName: t}]}}");

    assertThat(run("--pod", "early")).isZero();

    assertThat(output())
        .contains("pod claim gpus: missing: no claim was created from ResourceClaimTemplate t")
        .contains("resourceclaim controller of kube-controller-manager")
        .contains("result: the pod waits for the missing claims above");
  }

  /**
   * Pod {@code held} whose claim {@code att} holds gpu-0 of node-1 with a binding condition, and
   * the device conditions {@code conditions} set (YAML list items), not bound yet.
   */
  private void heldPod(String conditions) {
    server.apply(
        """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaim
        metadata: {name: att, namespace: default}
        spec: {devices: {requests: [{name: gpu, exactly: {deviceClassName: gpu.example.com}}]}}
        status:
          allocation:
            devices:
              results:
              - request: gpu
                driver: gpu.example.com
                pool: node-1
                device: gpu-0
                bindingConditions: [gpu.example.com/attached]
                bindingFailureConditions: [gpu.example.com/attach-failed]
            nodeSelector:
              nodeSelectorTerms:
              - matchFields: [{key: metadata.name, operator: In, values: [node-1]}]
          reservedFor: [{resource: pods, name: held, uid: 0000-held}]
          devices:
          - driver: gpu.example.com
            pool: node-1
            device: gpu-0
            conditions:
        """
            + conditions
            + """
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: held, namespace: default}
        spec:
          containers: [{name: main, image: pause}]
          resourceClaims: [{name: gpus, resourceClaimName: att}]
        status: {phase: Pending}
        """);
  }

  private static String condition(String type, String status) {
    return "    - {type: "
        + type
        + ", status: '"
        + status
        + "', reason: Set, message: by the driver, lastTransitionTime: '2026-01-01T00:00:00Z'}\n";
  }

  @Test
  void aPodWaitingForBindingConditionsHasItsOwnReason() {
    heldPod(condition("gpu.example.com/attached", "False"));

    assertThat(run("--pod", "held")).isZero();

    assertThat(output())
        .contains("claim default/att (pod claim gpus): allocated: gpu.example.com/node-1/gpu-0")
        .contains(
            "node node-1: waiting for binding conditions: claim att, device"
                + " gpu.example.com/node-1/gpu-0: [gpu.example.com/attached]")
        .contains("reason: WAITING_FOR_BINDING_CONDITIONS\n")
        .contains("result: waiting for binding conditions: ");
    run("--pod", "held", "--json");
    assertThat(output()).contains("\"reason\":\"WAITING_FOR_BINDING_CONDITIONS\"");
  }

  @Test
  void aPodWhoseBindingFailedHasItsOwnReason() {
    heldPod(condition("gpu.example.com/attach-failed", "True"));

    assertThat(run("--pod", "held")).isZero();

    assertThat(output())
        .contains(
            "node node-1: binding failed: claim att, device gpu.example.com/node-1/gpu-0:"
                + " gpu.example.com/attach-failed is True")
        .contains("reason: BINDING_FAILED\n");
  }

  @Test
  void jsonOutputCarriesTheClaimsTheExplanationAndTheResult() {
    claim("big-gpus", 3);
    podWithGeneratedClaim("big", "big-gpus");

    assertThat(run("--pod", "big", "--json")).isZero();

    JsonObject json = JsonParser.parseString(output()).getAsJsonObject();
    assertThat(json.get("subject").getAsString()).isEqualTo("pod default/big");
    assertThat(json.get("fits").getAsBoolean()).isFalse();
    JsonObject claim = json.getAsJsonArray("claims").get(0).getAsJsonObject();
    assertThat(claim.get("claim").getAsString()).isEqualTo("default/big-gpus");
    assertThat(claim.get("state").getAsString()).isEqualTo("pending");
    JsonObject request =
        json.getAsJsonObject("explanation")
            .getAsJsonArray("nodes")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("claims")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("requests")
            .get(0)
            .getAsJsonObject();
    assertThat(request.get("needed").getAsLong()).isEqualTo(3);
    assertThat(request.get("usable").getAsInt()).isEqualTo(2);
    assertThat(json.get("result").getAsString()).startsWith("no node fits the pending claims");
  }

  @Test
  void theKubeconfigComesFromKubeconfigAndTheNamespaceFromTheFlag() {
    claim("one", 1);

    assertThat(
            run(Map.of("KUBECONFIG", kubeconfig.toString()), "--claim=one", "--namespace=default"))
        .isZero();

    assertThat(output()).contains("node node-1: fits");
  }

  @Test
  void anUnknownPodExitsWithOneNamingThePodAndTheNamespace() {
    assertThat(run("--pod", "ghost", "--namespace", "ml")).isEqualTo(ExplainMain.EXIT_UNREADABLE);

    assertThat(errors())
        .contains("error: pod ml/ghost not found at " + server.url())
        .contains("check the name and --namespace (kubectl get pods -n ml)");
    assertThat(output()).isEmpty();
  }

  @Test
  void anUnreachableApiServerExitsWithOneNamingTheServer() {
    String url = server.url();
    server.close();

    assertThat(run("--pod", "big")).isEqualTo(ExplainMain.EXIT_UNREADABLE);

    assertThat(errors())
        .contains("error: cannot reach the API server at " + url + " to read pod default/big")
        .contains("check that the cluster is up and that kubeconfig " + kubeconfig);
  }

  @Test
  void noKubeconfigAnywhereExitsWithOneSayingHowToPassOne() {
    assertThat(run(Map.of("HOME", dir.toString()), "--pod", "big", "--kubeconfig"))
        .as("a flag without its value is a usage error")
        .isEqualTo(ExplainMain.EXIT_USAGE);
    out.reset();
    err.reset();

    int status =
        ExplainMain.run(
            List.of("--pod", "big"),
            Map.of("HOME", dir.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(ExplainMain.EXIT_UNREADABLE);
    assertThat(errors())
        .contains("no kubeconfig: KUBECONFIG is unset and " + dir.resolve(".kube/config"))
        .contains("pass --kubeconfig FILE");
  }

  @Test
  void badFlagsExitWithTwoNamingTheFlagAndTheFix() {
    assertThat(run("--pod", "a", "--claim", "b")).isEqualTo(ExplainMain.EXIT_USAGE);
    assertThat(run("--namespace", "x")).isEqualTo(ExplainMain.EXIT_USAGE);
    assertThat(run("--pod", "a", "--verbose")).isEqualTo(ExplainMain.EXIT_USAGE);
    assertThat(run("--pod", "a", "--kubeconfig", dir.resolve("nope").toString()))
        .isEqualTo(ExplainMain.EXIT_USAGE);

    assertThat(errors())
        .contains("give exactly one of --pod NAME (explain a pod's claims) and --claim NAME")
        .contains("unknown flag '--verbose'; allowed flags are --kubeconfig, --namespace, --pod,")
        .contains("--kubeconfig " + dir.resolve("nope") + " is not a readable file")
        .contains("run with --help for usage");
    assertThat(output()).isEmpty();
  }

  @Test
  void helpPrintsTheUsageAndExitsZero() {
    assertThat(run("--help")).isZero();

    assertThat(output())
        .startsWith("usage: java -cp <class path> io.dra4j.testkit.explain.ExplainMain --pod NAME")
        .contains("--claim NAME", "--json", "--namespace NS");
  }
}
