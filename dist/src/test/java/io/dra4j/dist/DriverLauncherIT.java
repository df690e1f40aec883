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
package io.dra4j.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dra4j.dist.fixture.LauncherTestDriver;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.testkit.apiserver.FakeApiServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unpacks the distribution archive and runs {@code bin/dra4j-driver} as a user would: with a driver
 * jar, against the in-memory API server, on a node made of temporary directories.
 */
class DriverLauncherIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String ONE_LINE =
      "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (INFO |WARN |ERROR) \\S+ - .+";

  @TempDir static Path unpacked;
  private static Path launcher;

  // Short: the driver's unix socket paths must stay under 108 bytes.
  private Path node;
  private FakeApiServer server;
  private Path kubeconfig;
  private Process process;

  @BeforeAll
  static void unpack() throws Exception {
    Path archive = Path.of(System.getProperty("dra4j.dist.archive"));
    assertThat(archive).as("the archive the package phase builds").exists();
    Process tar =
        new ProcessBuilder("tar", "xzf", archive.toString(), "-C", unpacked.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(tar.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();
    launcher = unpacked.resolve(System.getProperty("dra4j.dist.name")).resolve("bin/dra4j-driver");
  }

  @BeforeEach
  void nodeAndApiServer() throws IOException {
    node = Files.createTempDirectory(Path.of("/tmp"), "dl");
    for (String d : List.of("registry", "plugins", "cdi", "sys", "dev", "driver")) {
      Files.createDirectories(node.resolve(d));
    }
    Path bootId = node.resolve("proc/sys/kernel/random/boot_id");
    Files.createDirectories(bootId.getParent());
    Files.writeString(bootId, "0f3f2f6e-7c4a-4f59-a1a5-4bb3b1c0c0de\n");
    server = FakeApiServer.start();
    server.apply("{apiVersion: v1, kind: Node, metadata: {name: node-1}}");
    kubeconfig = server.writeKubeconfig(node.resolve("kubeconfig"));
  }

  @AfterEach
  void stop() throws IOException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
    server.close();
    try (Stream<Path> files = Files.walk(node)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** The test driver's classes and service file, as a driver author's build would jar them. */
  private Path driverJar() throws IOException {
    Path jar = node.resolve("driver/launcher-test-driver.jar");
    String cls = LauncherTestDriver.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry(cls));
      try (var in = LauncherTestDriver.class.getClassLoader().getResourceAsStream(cls)) {
        in.transferTo(out);
      }
      out.putNextEntry(new JarEntry("META-INF/services/io.dra4j.api.DeviceProvider"));
      out.write((LauncherTestDriver.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
    }
    return jar;
  }

  private Process launch(Map<String, String> env, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(launcher.toString()));
    command.addAll(args);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectOutput(node.resolve("out.log").toFile())
            .redirectError(node.resolve("err.log").toFile());
    pb.environment().remove("JAVA_OPTS");
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    pb.environment().putAll(env);
    process = pb.start();
    return process;
  }

  private String log(String name) throws IOException {
    Path p = node.resolve(name);
    return Files.exists(p) ? Files.readString(p) : "";
  }

  private List<String> nodeFlags() {
    return List.of(
        "--node-name", "node-1",
        "--kubeconfig", kubeconfig.toString(),
        "--registrar-dir", node.resolve("registry").toString(),
        "--plugins-dir", node.resolve("plugins").toString(),
        "--cdi-dir", node.resolve("cdi").toString(),
        "--sys-root", node.resolve("sys").toString(),
        "--dev-root", node.resolve("dev").toString(),
        "--proc-root", node.resolve("proc").toString());
  }

  @Test
  void runsTheDriverJarWithTheImageFlagsPublishesAndStopsCleanlyOnSigterm() throws Exception {
    driverJar();
    List<String> args = new ArrayList<>(List.of("--driver", node.resolve("driver").toString()));
    args.addAll(nodeFlags());
    Process p = launch(Map.of("JAVA_OPTS", "-Xmx96m -Ddra4j.launcher.test=yes"), args);
    Path socket = node.resolve("registry").resolve(LauncherTestDriver.DRIVER + "-reg.sock");

    await()
        .atMost(WAIT)
        .failFast(() -> !p.isAlive())
        .until(() -> Files.exists(socket) && devicesPublished() == 2);
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the driver stops after SIGTERM").isTrue();

    String err = log("err.log");
    assertThat(p.exitValue()).as(err).isEqualTo(143);
    assertThat(socket).as("the runtime's shutdown removed its socket").doesNotExist();
    List<String> lines = err.lines().toList();
    assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l).matches(ONE_LINE));
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains(
                        " INFO  io.dra4j.runtime.",
                        " - driver "
                            + LauncherTestDriver.DRIVER
                            + " publishes 1 pool(s) with 2 device(s)"))
        .anySatisfy(
            l -> assertThat(l).contains("driver " + LauncherTestDriver.DRIVER + " stopped"));
    String flags = lines.stream().filter(l -> l.contains("jvm flags: ")).findFirst().orElseThrow();
    assertThat(flags)
        .contains(Files.readAllLines(unpacked.resolve(distName()).resolve("conf/jvm.args")))
        .contains("-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1")
        .contains("-Ddra4j.launcher.test=yes");
    assertThat(flags.indexOf("-Xmx96m"))
        .as("JAVA_OPTS come after the defaults, so they win")
        .isGreaterThan(flags.indexOf("-Xmx64m"));
  }

  /**
   * A driver process talks to the API server without client-java's generated API classes: its
   * global model registry (about 1,500 classes, some 50 MiB of a small heap at start) must never
   * load. Only the few models the runtime renders slices with may.
   */
  @Test
  void theDriverProcessLoadsNoClientJavaModelRegistry() throws Exception {
    driverJar();
    Path classes = node.resolve("classes.log");
    List<String> args = new ArrayList<>(List.of("--driver", node.resolve("driver").toString()));
    args.addAll(nodeFlags());
    Process p = launch(Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classes), args);

    await()
        .atMost(WAIT)
        .failFast(() -> !p.isAlive())
        .until(() -> devicesPublished() == 2 && server.list("resourceslices").size() == 1);
    p.destroy();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

    List<String> loaded =
        Files.readAllLines(classes).stream()
            .map(l -> l.replaceAll("^.*\\] ", "").replaceAll(" source:.*$", ""))
            .toList();
    assertThat(loaded)
        .as("client-java's JSON registry and API classes")
        .noneMatch(c -> c.equals("io.kubernetes.client.openapi.JSON"))
        .noneMatch(c -> c.startsWith("io.kubernetes.client.openapi.apis."))
        .noneMatch(c -> c.startsWith("io.kubernetes.client.util.Watch"));
    long models =
        loaded.stream().filter(c -> c.startsWith("io.kubernetes.client.openapi.models.")).count();
    assertThat(models).as("client-java model classes loaded").isLessThan(60);
  }

  private long devicesPublished() {
    return server.list("resourceslices").stream()
        .flatMap(s -> JsonFields.objects(s, "spec", "devices").stream())
        .count();
  }

  private static String distName() {
    return System.getProperty("dra4j.dist.name");
  }

  @Test
  void helpIsTheRuntimesHelp() throws Exception {
    Process p = launch(Map.of(), List.of("--help"));

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(log("err.log")).isZero();
    assertThat(log("out.log")).contains("--node-name NODE", "NODE_NAME", "--kubeconfig");
  }

  @Test
  void aMissingDriverPathExitsWithTwoNamingThePathAndTheFix() throws Exception {
    Process p = launch(Map.of(), List.of("--node-name", "n", "--driver", "/no/such/driver.jar"));

    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(log("err.log"))
        .isEqualTo(
            "dra4j-driver: --driver /no/such/driver.jar: no such file or directory; pass the"
                + " driver's jar, a directory of jars or a directory of classes\n");
  }

  @Test
  void aJavaHomeWithoutJavaExitsWithTwo() throws Exception {
    Process p = launch(Map.of("JAVA_HOME", node.toString()), List.of("--help"));

    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(log("err.log"))
        .startsWith("dra4j-driver: JAVA_HOME is " + node + ", but " + node + "/bin/java is not")
        .contains("point JAVA_HOME at a Java 17+ installation");
  }
}
