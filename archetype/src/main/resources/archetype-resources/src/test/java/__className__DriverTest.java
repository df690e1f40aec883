package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import io.dra4j.api.prepare.DeviceNode;
import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.cluster.PodRun;
import io.dra4j.testkit.cluster.PodSpec;
import io.dra4j.testkit.junit.DraTest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The driver end to end: an in-memory API server, a node whose host is the fixture tree
 * src/test/resources/fixtures/node, its simulated kubelet, and the driver on real unix sockets.
 */
## snippet:draTest
@DraTest(providers = ${className}Driver.class, hostTree = "fixtures/node")
class ${className}DriverTest {

  private static final String DRIVER = ${className}Driver.DRIVER_NAME;

  @BeforeEach
  void applyClassAndTemplate(DraCluster cluster) {
    cluster.apply(Path.of("deploy/deviceclass.yaml"));
    cluster.applyClaimTemplate("one-device", "dev", DRIVER, 1);
  }

  @AfterEach
  void deletePods(DraCluster cluster) {
    cluster.deleteAllPods();
  }

  @Test
  void driverPublishesTheUsableDevicesOfTheFixture(DraCluster cluster) {
    assertThat(cluster.awaitPublished(DRIVER, "node-1", 2))
        .extracting(d -> d.name() + " " + d.stringAttribute("model").orElseThrow())
        .containsExactly("${deviceKind}0 Model A", "${deviceKind}1 Model A");
  }

  @Test
  void containerGetsTheDeviceNodeAndItsName(DraCluster cluster) {
    PodRun run = cluster.runPod(PodSpec.pod("app").claimFromTemplate("dev", "one-device").build());

    assertThat(run.running()).as(run.toString()).isTrue();
    assertThat(run.container().env()).containsEntry(${className}Driver.DEVICE_ENV, "${deviceKind}0");
    assertThat(run.container().deviceNodes())
        .extracting(DeviceNode::path)
        .containsExactly("/dev/${deviceKind}0");
  }
## end:draTest

  @Test
  void claimConfigurationReachesTheContainer(DraCluster cluster) {
    PodRun run = runWithConfig(cluster, "tuned", "mode: Performance\npriority: 5");

    assertThat(run.container().env())
        .containsEntry(${className}Driver.MODE_ENV, "PERFORMANCE")
        .containsEntry(${className}Driver.PRIORITY_ENV, "5");
  }

  @Test
  void badConfigurationFailsThatPodNamingTheClaimAndTheField(DraCluster cluster) {
    PodRun run = runWithConfig(cluster, "typo", "mode: Performance\npriorty: 5");

    assertThat(run.running()).isFalse();
    assertThat(String.join("\n", run.prepareErrors()))
        .contains("default/typo")
        .contains("priorty")
        .contains("unknown field");
  }

  @Test
  void outOfRangePriorityIsRefused(DraCluster cluster) {
    PodRun run = runWithConfig(cluster, "too-high", "mode: Default\npriority: 9");

    assertThat(String.join("\n", run.prepareErrors())).contains("priority is 9").contains("0 to 7");
  }

  /** A claim for one device with the given config fields, and a pod that uses it. */
  private static PodRun runWithConfig(DraCluster cluster, String name, String fields) {
    cluster.apply(
        """
        apiVersion: resource.k8s.io/v1
        kind: ResourceClaim
        metadata: {name: %s, namespace: default}
        spec:
          devices:
            requests:
            - name: dev
              exactly: {deviceClassName: %s}
            config:
            - requests: [dev]
              opaque:
                driver: %s
                parameters:
                  apiVersion: %s/v1
                  kind: ${className}Config
                  %s
        """
            .formatted(name, DRIVER, DRIVER, DRIVER, fields.replace("\n", "\n          ")));
    return cluster.runPod(PodSpec.pod(name + "-pod").sharedClaim("dev", name).build());
  }
}
