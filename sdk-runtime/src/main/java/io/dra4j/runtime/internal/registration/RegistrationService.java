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
package io.dra4j.runtime.internal.registration;

import io.dra4j.runtime.internal.proto.registration.InfoRequest;
import io.dra4j.runtime.internal.proto.registration.PluginInfo;
import io.dra4j.runtime.internal.proto.registration.RegistrationGrpc;
import io.dra4j.runtime.internal.proto.registration.RegistrationStatusResponse;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the kubelet plugin watcher. {@code GetInfo} returns precomputed values, so it always
 * answers well within the kubelet's one-second timeout; {@code NotifyRegistrationStatus} records
 * the outcome and always returns OK.
 */
public final class RegistrationService extends RegistrationGrpc.RegistrationImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(RegistrationService.class);

  /** The plugin type of DRA drivers. */
  public static final String PLUGIN_TYPE = "DRAPlugin";

  private final String driverName;
  private final PluginInfo info;
  private final AtomicReference<RegistrationStatus> status =
      new AtomicReference<>(RegistrationStatus.NOT_YET);

  /**
   * @param driverName the driver name
   * @param serviceSocket the absolute path of the DRA service socket
   * @param withHealth whether the health services are served
   */
  public RegistrationService(String driverName, Path serviceSocket, boolean withHealth) {
    this.driverName = driverName;
    this.info =
        PluginInfo.newBuilder()
            .setType(PLUGIN_TYPE)
            .setName(driverName)
            .setEndpoint(serviceSocket.toAbsolutePath().toString())
            .addAllSupportedVersions(supportedVersions(withHealth))
            .build();
  }

  /** The service versions in the order the kubelet should prefer them. */
  public static List<String> supportedVersions(boolean withHealth) {
    List<String> versions = new ArrayList<>(List.of("v1.DRAPlugin", "v1beta1.DRAPlugin"));
    if (withHealth) {
      versions.add("v1alpha1.DRAResourceHealth");
      versions.add("v1.DRAResourceHealth");
    }
    return List.copyOf(versions);
  }

  /** The status the kubelet reported last. */
  public RegistrationStatus status() {
    return status.get();
  }

  @Override
  public void getInfo(InfoRequest request, StreamObserver<PluginInfo> response) {
    LOG.debug("GetInfo from the kubelet for driver {}", driverName);
    response.onNext(info);
    response.onCompleted();
  }

  @Override
  public void notifyRegistrationStatus(
      io.dra4j.runtime.internal.proto.registration.RegistrationStatus request,
      StreamObserver<RegistrationStatusResponse> response) {
    RegistrationStatus reported;
    if (request.getPluginRegistered()) {
      reported = RegistrationStatus.REGISTERED;
      LOG.info("driver {} registered with the kubelet", driverName);
    } else {
      String message =
          request.getError().isEmpty() ? "the kubelet gave no reason" : request.getError();
      reported = RegistrationStatus.failed(message);
      LOG.error(
          "the kubelet rejected the registration of driver {}: {}. Check the kubelet version"
              + " (1.34 or later serves v1.DRAPlugin) and the kubelet log",
          driverName,
          message);
    }
    status.set(reported);
    response.onNext(RegistrationStatusResponse.getDefaultInstance());
    response.onCompleted();
  }
}
