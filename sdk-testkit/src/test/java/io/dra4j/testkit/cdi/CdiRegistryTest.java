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
package io.dra4j.testkit.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dra4j.api.prepare.DeviceNode;
import io.dra4j.api.prepare.Hook;
import io.dra4j.api.prepare.Mount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdiRegistryTest {
  @TempDir Path tmp;
  Path etc;
  Path run;

  @BeforeEach
  void dirs() throws IOException {
    etc = Files.createDirectories(tmp.resolve("etc-cdi"));
    run = Files.createDirectories(tmp.resolve("run-cdi"));
  }

  private CdiRegistry scan() {
    return CdiRegistry.scan(List.of(etc, run));
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text);
  }

  private static final String GPU_SPEC_JSON =
      """
      {
        "cdiVersion": "0.6.0",
        "kind": "example.com/gpu",
        "containerEdits": {"env": ["COMMON=1", "SHARED=spec"]},
        "devices": [
          {"name": "claim1-gpu0",
           "containerEdits": {
             "env": ["GPU=0", "SHARED=device"],
             "deviceNodes": [{"path": "/dev/gpu0", "hostPath": "/host/dev/gpu0", "permissions": "rw", "type": "c", "major": 195, "minor": 0}],
             "mounts": [{"hostPath": "/opt/lib", "containerPath": "/usr/lib/gpu", "options": ["ro", "bind"]}],
             "hooks": [{"hookName": "createContainer", "path": "/usr/bin/gpu-hook", "args": ["gpu-hook", "x"], "timeout": 5}]
           }},
          {"name": "claim1-gpu1", "containerEdits": {"env": ["GPU=1"], "deviceNodes": [{"path": "/dev/gpu1"}]}}
        ]
      }
      """;

  @Test
  void injectionAppliesSpecEditsOnceThenEachDevice() throws Exception {
    write(run.resolve("gpu.json"), GPU_SPEC_JSON);

    ContainerView view =
        scan().inject(List.of("example.com/gpu=claim1-gpu0", "example.com/gpu=claim1-gpu1"));

    assertThat(view.cdiDeviceIds())
        .containsExactly("example.com/gpu=claim1-gpu0", "example.com/gpu=claim1-gpu1");
    assertThat(view.env())
        .containsEntry("COMMON", "1")
        .containsEntry("SHARED", "device")
        .containsEntry("GPU", "1");
    assertThat(view.deviceNodes())
        .containsExactly(
            new DeviceNode("/dev/gpu0", Optional.of("/host/dev/gpu0"), Optional.of("rw")),
            DeviceNode.of("/dev/gpu1"));
    assertThat(view.mounts())
        .containsExactly(
            new Mount("/opt/lib", "/usr/lib/gpu", List.of("ro", "bind"), Optional.empty()));
    assertThat(view.hooks())
        .containsExactly(
            new Hook(
                "createContainer",
                "/usr/bin/gpu-hook",
                List.of("gpu-hook", "x"),
                List.of(),
                Optional.of(5)));
  }

  @Test
  void yamlSpecsAreReadAndOtherExtensionsIgnored() throws Exception {
    write(
        run.resolve("nic.yaml"),
        """
        ---
        cdiVersion: 0.3.0
        kind: example.com/nic
        devices:
          - name: nic0
            containerEdits:
              env: ["NIC=0"]
        """);
    write(run.resolve("nic.yaml.tmp"), "not a spec");
    write(run.resolve("README"), "not a spec either");

    CdiRegistry registry = scan();

    assertThat(registry.deviceIds()).containsExactly("example.com/nic=nic0");
    assertThat(registry.errors()).isEmpty();
  }

  @Test
  void unknownFieldMakesTheWholeSpecInvalidButOtherSpecsStillWork() throws Exception {
    write(run.resolve("gpu.json"), GPU_SPEC_JSON);
    write(
        run.resolve("broken.json"),
        """
        {"cdiVersion": "0.3.0", "kind": "example.com/nic",
         "devices": [{"name": "nic0", "containerEdits": {"env": ["A=1"], "devicenodes": []}}]}
        """);

    CdiRegistry registry = scan();

    assertThat(registry.deviceIds()).allMatch(id -> id.startsWith("example.com/gpu="));
    assertThat(registry.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.file()).isEqualTo(run.resolve("broken.json"));
              assertThat(e.message())
                  .contains("devices[0].containerEdits")
                  .contains("unknown field \"devicenodes\"");
            });
  }

  @Test
  void duplicateDeviceNamesInOneSpecMakeItInvalid() throws Exception {
    write(
        run.resolve("dup.json"),
        """
        {"cdiVersion": "0.3.0", "kind": "example.com/gpu",
         "devices": [{"name": "a", "containerEdits": {"env": ["A=1"]}},
                     {"name": "a", "containerEdits": {"env": ["A=2"]}}]}
        """);

    CdiRegistry registry = scan();

    assertThat(registry.deviceIds()).isEmpty();
    assertThat(registry.errors().get(0).message()).contains("multiple device \"a\"");
  }

  @Test
  void invalidNamesAndEmptyEditsAreRejected() throws Exception {
    write(
        run.resolve("kind.json"),
        """
        {"cdiVersion": "0.3.0", "kind": "example.com",
         "devices": [{"name": "a", "containerEdits": {"env": ["A=1"]}}]}
        """);
    write(
        run.resolve("name.json"),
        """
        {"cdiVersion": "0.3.0", "kind": "example.com/gpu",
         "devices": [{"name": "-a", "containerEdits": {"env": ["A=1"]}}]}
        """);
    write(
        run.resolve("empty.json"),
        """
        {"cdiVersion": "0.3.0", "kind": "example.com/gpu",
         "devices": [{"name": "b", "containerEdits": {}}]}
        """);
    write(
        run.resolve("env.json"),
        """
        {"cdiVersion": "0.3.0", "kind": "example.com/gpu",
         "devices": [{"name": "c", "containerEdits": {"env": ["=oops"]}}]}
        """);

    CdiRegistry registry = scan();

    assertThat(registry.deviceIds()).isEmpty();
    assertThat(registry.errors())
        .extracting(CdiSpecError::message)
        .anySatisfy(m -> assertThat(m).contains("kind 'example.com' must be vendor/class"))
        .anySatisfy(m -> assertThat(m).contains("devices[0].name '-a' is invalid"))
        .anySatisfy(m -> assertThat(m).contains("invalid device b, empty device edits"))
        .anySatisfy(m -> assertThat(m).contains("invalid environment variable \"=oops\""));
  }

  @Test
  void versionLowerThanTheFieldsRequireIsRejected() throws Exception {
    write(
        run.resolve("old.json"),
        """
        {"cdiVersion": "0.4.0", "kind": "example.com/gpu",
         "devices": [{"name": "a", "containerEdits": {"deviceNodes": [{"path": "/dev/a", "hostPath": "/dev/b"}]}}]}
        """);
    write(
        run.resolve("unknown.json"),
        """
        {"cdiVersion": "9.9.9", "kind": "example.com/nic",
         "devices": [{"name": "a", "containerEdits": {"env": ["A=1"]}}]}
        """);

    CdiRegistry registry = scan();

    assertThat(registry.deviceIds()).isEmpty();
    assertThat(registry.errors())
        .extracting(CdiSpecError::message)
        .anySatisfy(m -> assertThat(m).contains("cdiVersion 0.4.0 is lower than 0.5.0"))
        .anySatisfy(m -> assertThat(m).contains("'9.9.9' is not a known CDI version"));
  }

  @Test
  void laterDirectoryWinsAndSameDirectoryDuplicatesConflict() throws Exception {
    String spec =
        """
        {"cdiVersion": "0.3.0", "kind": "example.com/gpu",
         "devices": [{"name": "%s", "containerEdits": {"env": ["FROM=%s"]}}]}
        """;
    write(etc.resolve("a.json"), spec.formatted("shadowed", "etc"));
    write(run.resolve("a.json"), spec.formatted("shadowed", "run"));
    write(run.resolve("b.json"), spec.formatted("twice", "b"));
    write(run.resolve("c.json"), spec.formatted("twice", "c"));

    CdiRegistry registry = scan();

    assertThat(registry.inject(List.of("example.com/gpu=shadowed")).env())
        .containsEntry("FROM", "run");
    assertThat(registry.deviceIds()).doesNotContain("example.com/gpu=twice");
    assertThat(registry.errors())
        .singleElement()
        .extracting(CdiSpecError::message)
        .asString()
        .contains("conflicting device \"example.com/gpu=twice\"");
  }

  @Test
  void unresolvableDevicesFailLikeTheRuntime() throws Exception {
    write(run.resolve("gpu.json"), GPU_SPEC_JSON);

    assertThatThrownBy(
            () -> scan().inject(List.of("example.com/gpu=claim1-gpu0", "example.com/gpu=gone")))
        .isInstanceOf(CdiInjectionException.class)
        .hasMessageStartingWith(
            "CDI device injection failed: unresolvable CDI devices example.com/gpu=gone")
        .satisfies(
            e ->
                assertThat(((CdiInjectionException) e).unresolved())
                    .containsExactly("example.com/gpu=gone"));
  }

  @Test
  void missingDirectoriesAreEmpty() throws Exception {
    CdiRegistry registry = CdiRegistry.scan(List.of(tmp.resolve("nope")));

    assertThat(registry.deviceIds()).isEmpty();
    assertThat(registry.inject(List.of())).isEqualTo(ContainerView.empty());
  }
}
