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
package io.dra4j.driver.neuron;

import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.sysfs.Sysfs;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The UltraServer environment of a container: the mode of its {@link UltraServerConfig} and, where
 * the kernel driver exposes them in {@code /sys/class/neuron_device/{server_id,node_id}_M}, the
 * UltraServer and node ids of that mode. The variable names are inferred (see the README).
 */
final class UltraServerEnv {
  static final String MODE = "NEURON_RT_ULTRASERVER_MODE";
  static final String SERVER_ID = "NEURON_RT_ULTRASERVER_SERVER_ID";
  static final String NODE_ID = "NEURON_RT_ULTRASERVER_NODE_ID";

  private UltraServerEnv() {}

  /**
   * Adds the variables of {@code mode} to {@code edits}.
   *
   * @param where the claim and node, for messages
   * @return a warning when the ids of the mode cannot be read, else empty
   * @throws PrepareException when the node is not an UltraServer member
   */
  static Optional<String> apply(
      Path classDir, NeuronNode node, int mode, String where, ContainerEdits.Builder edits)
      throws PrepareException {
    if (!node.isUltraServer()) {
      throw new PrepareException(
          where
              + ": UltraServerConfig is only valid on UltraServer instances (trn2u, trn3), but"
              + " this node is "
              + NeuronDeviceProvider.typeName(node)
              + ". Remove the UltraServerConfig or request an UltraServer node (a neuron_node"
              + " device)");
    }
    edits.env(MODE, Integer.toString(mode));
    if (mode == 1) {
      return Optional.empty();
    }
    Optional<String> server = Sysfs.read(classDir.resolve("server_id_" + mode));
    Optional<String> member = Sysfs.read(classDir.resolve("node_id_" + mode));
    if (server.isEmpty() || member.isEmpty()) {
      return Optional.of(
          where
              + ": "
              + classDir
              + "/server_id_"
              + mode
              + " or node_id_"
              + mode
              + " is unreadable: only "
              + MODE
              + " is set");
    }
    edits.env(SERVER_ID, server.get());
    edits.env(NODE_ID, member.get());
    return Optional.empty();
  }
}
