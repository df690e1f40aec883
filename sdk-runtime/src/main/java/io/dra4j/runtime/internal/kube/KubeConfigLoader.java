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
package io.dra4j.runtime.internal.kube;

import io.kubernetes.client.util.KubeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/**
 * Finds the Kubernetes API configuration of a driver process and makes its {@link KubeClient}: from
 * a kubeconfig file (client certificates, bearer tokens, basic auth, exec plugins and auth
 * providers, through client-java's {@link KubeConfig}) or from the in-cluster service account
 * (whose token is read again every minute, as the kubelet rotates it).
 */
public final class KubeConfigLoader {
  static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
  private static final Duration TOKEN_FILE_REFRESH = Duration.ofMinutes(1);

  private KubeConfigLoader() {}

  /**
   * A client from, in this order: the given kubeconfig file; the in-cluster service account; the
   * first file of {@code $KUBECONFIG}; {@code ~/.kube/config}.
   *
   * @throws IllegalStateException naming every place tried when none works, or what is wrong with
   *     the one found
   */
  public static KubeClient client(Optional<Path> kubeconfig) {
    return client(
        kubeconfig, System.getenv(), SERVICE_ACCOUNT, Path.of(System.getProperty("user.home")));
  }

  static KubeClient client(
      Optional<Path> kubeconfig, Map<String, String> env, Path serviceAccount, Path home) {
    List<String> tried = new ArrayList<>();
    if (kubeconfig.isPresent()) {
      return fromKubeconfig(kubeconfig.get(), "--kubeconfig");
    }
    tried.add("--kubeconfig (not given)");
    String host = env.get("KUBERNETES_SERVICE_HOST");
    Path token = serviceAccount.resolve("token");
    if (host != null && Files.isReadable(token)) {
      return inCluster(host, env.getOrDefault("KUBERNETES_SERVICE_PORT", "443"), serviceAccount);
    }
    tried.add(
        "in-cluster service account ("
            + (host == null ? "KUBERNETES_SERVICE_HOST unset" : token + " missing")
            + ")");
    String list = env.get("KUBECONFIG");
    if (list != null && !list.isBlank()) {
      Path first = Path.of(list.split(java.io.File.pathSeparator)[0]);
      if (Files.isReadable(first)) {
        return fromKubeconfig(first, "$KUBECONFIG");
      }
      tried.add("$KUBECONFIG (" + first + " not readable)");
    } else {
      tried.add("$KUBECONFIG (unset)");
    }
    Path config = home.resolve(".kube").resolve("config");
    if (Files.isReadable(config)) {
      return fromKubeconfig(config, "~/.kube/config");
    }
    tried.add(config + " (missing)");
    throw new IllegalStateException(
        "no Kubernetes API configuration found; tried "
            + String.join(", ", tried)
            + ". Run the driver in a pod with a service account, or pass --kubeconfig <file>.");
  }

  /**
   * A client for the kubeconfig {@code file}'s current context.
   *
   * @throws IllegalStateException naming the file, where it came from and what is wrong
   */
  public static KubeClient fromKubeconfig(Path file, String source) {
    try (Reader r = Files.newBufferedReader(file)) {
      KubeConfig config = KubeConfig.loadKubeConfig(r);
      config.setFile(file.toFile());
      return fromKubeconfig(config);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot use kubeconfig " + file + " (from " + source + "): " + e.getMessage(), e);
    }
  }

  private static KubeClient fromKubeconfig(KubeConfig config) throws IOException {
    String server = config.getServer();
    if (server == null || server.isBlank()) {
      throw new IllegalArgumentException(
          "its current context ("
              + config.getCurrentContext()
              + ") names no cluster server; set clusters[].cluster.server");
    }
    TlsSettings.Builder tls = TlsSettings.builder().verify(config.verifySSL());
    bytes(config, config.getCertificateAuthorityData(), config.getCertificateAuthorityFile())
        .ifPresent(tls::certificateAuthority);
    Optional.ofNullable(config.getTlsServerName())
        .filter(s -> !s.isBlank())
        .ifPresent(tls::serverName);
    BearerAuth auth = BearerAuth.none();
    Optional<byte[]> cert =
        bytes(config, config.getClientCertificateData(), config.getClientCertificateFile());
    Optional<byte[]> key = bytes(config, config.getClientKeyData(), config.getClientKeyFile());
    if (cert.isPresent() && key.isPresent()) {
      tls.clientCertificate(cert.get(), key.get());
    } else if (notBlank(config.getUsername()) && notBlank(config.getPassword())) {
      auth = BearerAuth.basic(config.getUsername(), config.getPassword());
    } else {
      Map<String, String> credentials = config.getCredentials();
      if (credentials != null && notBlank(credentials.get(KubeConfig.CRED_TOKEN_KEY))) {
        // An exec plugin's or auth provider's token expires: ask again when the server says 401.
        auth =
            BearerAuth.refreshing(
                credentials.get(KubeConfig.CRED_TOKEN_KEY), config::getCredentials);
      } else if (credentials != null
          && notBlank(credentials.get(KubeConfig.CRED_CLIENT_CERTIFICATE_DATA_KEY))
          && notBlank(credentials.get(KubeConfig.CRED_CLIENT_KEY_DATA_KEY))) {
        tls.clientCertificate(
            credentials
                .get(KubeConfig.CRED_CLIENT_CERTIFICATE_DATA_KEY)
                .getBytes(StandardCharsets.UTF_8),
            credentials.get(KubeConfig.CRED_CLIENT_KEY_DATA_KEY).getBytes(StandardCharsets.UTF_8));
      }
    }
    return build(server, tls.build(), auth);
  }

  private static KubeClient inCluster(String host, String port, Path serviceAccount) {
    Path token = serviceAccount.resolve("token");
    Path ca = serviceAccount.resolve("ca.crt");
    try {
      TlsSettings.Builder tls = TlsSettings.builder();
      if (Files.isReadable(ca)) {
        tls.certificateAuthority(Files.readAllBytes(ca));
      }
      String address = host.contains(":") ? "[" + host + "]" : host;
      return build(
          "https://" + address + ":" + port,
          tls.build(),
          BearerAuth.tokenFile(token, TOKEN_FILE_REFRESH));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot use the in-cluster service account (" + serviceAccount + "): " + e.getMessage(),
          e);
    }
  }

  private static KubeClient build(String server, TlsSettings tls, BearerAuth auth) {
    OkHttpClient.Builder http = new OkHttpClient.Builder().addInterceptor(auth);
    if (server.regionMatches(true, 0, "http:", 0, 5)) {
      // Plain HTTP (a local test server): no TLS set-up, which would parse the JVM's trust store.
      http.connectionSpecs(List.of(ConnectionSpec.CLEARTEXT));
    } else {
      tls.apply(http);
    }
    OkHttpClient client = http.build();
    return new KubeClient(server, client, r -> r, () -> ApiClients.release(client));
  }

  private static Optional<byte[]> bytes(KubeConfig config, String data, String file)
      throws IOException {
    return Optional.ofNullable(
        config.getDataOrFileRelative(notBlank(data) ? data : null, notBlank(file) ? file : null));
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
