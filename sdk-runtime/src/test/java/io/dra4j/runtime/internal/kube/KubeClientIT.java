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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.kubernetes.client.openapi.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's own client against real HTTP and HTTPS servers: credentials from a kubeconfig
 * (token, basic auth, an exec plugin asked again after a 401), a rotating token file, the cluster's
 * CA and {@code insecure-skip-tls-verify}, errors that name the file and the fix, and watch
 * streams.
 */
class KubeClientIT {
  @TempDir Path dir;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private volatile String acceptedToken = "Bearer t1";
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private String serve(HttpServer s) throws IOException {
    server = s;
    server.createContext(
        "/version",
        ex -> {
          String auth = ex.getRequestHeaders().getFirst("Authorization");
          authorizations.add(auth == null ? "" : auth);
          boolean ok = acceptedToken.isEmpty() || acceptedToken.equals(auth);
          send(ex, ok ? 200 : 401, ok ? "{\"major\":\"1\",\"minor\":\"37\"}" : "{}");
        });
    server.createContext(
        "/watch",
        ex ->
            send(
                ex,
                200,
                "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"a\"}}}\n\n"
                    + "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"code\":410,"
                    + "\"message\":\"too old\"}}\n"
                    + "not json\n"));
    server.start();
    String scheme = s instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + s.getAddress().getPort();
  }

  private static HttpServer http() throws IOException {
    return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
  }

  private static void send(HttpExchange ex, int code, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private Path kubeconfig(String cluster, String user) throws IOException {
    Path file = dir.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        current-context: test
        contexts: [{name: test, context: {cluster: c, user: u}}]
        clusters: [{name: c, cluster: {%s}}]
        users: [{name: u, user: {%s}}]
        """
            .formatted(cluster, user));
    return file;
  }

  private static String version(KubeClient client) throws ApiException {
    JsonObject v = client.execute(client.get("/version"));
    return JsonFields.string(v, "major") + "." + JsonFields.string(v, "minor");
  }

  @Test
  void bearerTokenFromTheKubeconfigIsSent() throws Exception {
    String url = serve(http());
    KubeClient client =
        KubeConfigLoader.client(Optional.of(kubeconfig("server: " + url, "token: t1")));

    assertThat(version(client)).isEqualTo("1.37");
    assertThat(authorizations).containsExactly("Bearer t1");
    client.release();
  }

  @Test
  void basicAuthFromTheKubeconfigIsSent() throws Exception {
    acceptedToken = "Basic " + Base64.getEncoder().encodeToString("ann:pw".getBytes());
    String url = serve(http());
    KubeClient client =
        KubeConfigLoader.client(
            Optional.of(kubeconfig("server: " + url, "username: ann, password: pw")));

    assertThat(version(client)).isEqualTo("1.37");
    client.release();
  }

  @Test
  void execPluginIsAskedAgainWhenTheServerSays401() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "t1");
    Path plugin = dir.resolve("plugin.sh");
    Files.writeString(
        plugin,
        "#!/bin/sh\nprintf '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
            + "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"%s\"}}' \"$(cat "
            + token
            + ")\"\n");
    Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwx------"));
    String url = serve(http());
    KubeClient client =
        KubeConfigLoader.client(
            Optional.of(
                kubeconfig(
                    "server: " + url,
                    "exec: {apiVersion: client.authentication.k8s.io/v1, command: "
                        + plugin
                        + ", interactiveMode: Never}")));
    assertThat(version(client)).isEqualTo("1.37");

    // The token expires: the server wants t2 and the plugin now prints it.
    acceptedToken = "Bearer t2";
    Files.writeString(token, "t2");

    assertThat(version(client)).isEqualTo("1.37");
    assertThat(authorizations).containsExactly("Bearer t1", "Bearer t1", "Bearer t2");
    client.release();
  }

  @Test
  void tokenFileIsReadAgainAfterItsRefreshPeriod() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "t1\n");
    String url = serve(http());
    OkHttpClient http =
        new OkHttpClient.Builder()
            .addInterceptor(BearerAuth.tokenFile(token, Duration.ZERO))
            .build();
    KubeClient client = new KubeClient(url, http, r -> r, () -> ApiClients.release(http));
    assertThat(version(client)).isEqualTo("1.37");

    acceptedToken = "Bearer t2";
    Files.writeString(token, "t2\n");
    assertThat(version(client)).isEqualTo("1.37");

    // Gone for a moment while the kubelet rotates it: the last token is used.
    Files.delete(token);
    assertThat(version(client)).isEqualTo("1.37");
    assertThat(authorizations).containsExactly("Bearer t1", "Bearer t2", "Bearer t2");
    client.release();
  }

  @Test
  void httpsServerIsTrustedThroughTheKubeconfigsCaOnly() throws Exception {
    acceptedToken = "";
    String ca = Base64.getEncoder().encodeToString(Files.readAllBytes(tlsServer("server")));
    Path otherCa = tlsServer("other");
    String url = serve(https(dir.resolve("server.p12")));

    KubeClient trusted =
        KubeConfigLoader.client(
            Optional.of(kubeconfig("server: " + url + ", certificate-authority-data: " + ca, "")));
    assertThat(version(trusted)).isEqualTo("1.37");
    trusted.release();

    KubeClient wrongCa =
        KubeConfigLoader.client(
            Optional.of(kubeconfig("server: " + url + ", certificate-authority: " + otherCa, "")));
    assertThatThrownBy(() -> version(wrongCa))
        .isInstanceOf(ApiException.class)
        .hasStackTraceContaining("SSLHandshakeException");
    wrongCa.release();

    KubeClient insecure =
        KubeConfigLoader.client(
            Optional.of(kubeconfig("server: " + url + ", insecure-skip-tls-verify: true", "")));
    assertThat(version(insecure)).isEqualTo("1.37");
    insecure.release();
  }

  @Test
  void badCaDataNamesTheKubeconfigAndTheField() throws Exception {
    String notPem = Base64.getEncoder().encodeToString("hello".getBytes());
    Path file =
        kubeconfig(
            "server: https://127.0.0.1:1, certificate-authority-data: " + notPem, "token: t");

    assertThatThrownBy(() -> KubeConfigLoader.client(Optional.of(file)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("certificate-authority");
  }

  @Test
  void kubeconfigWithoutServerIsRefusedWithTheFix() throws Exception {
    Path file = kubeconfig("insecure-skip-tls-verify: true", "token: t");

    assertThatThrownBy(() -> KubeConfigLoader.client(Optional.of(file)))
        .hasMessageContaining(file.toString())
        .hasMessageContaining("clusters[].cluster.server");
  }

  @Test
  void noConfigurationAnywhereListsEveryPlaceTried() {
    assertThatThrownBy(
            () ->
                KubeConfigLoader.client(
                    Optional.empty(), Map.of(), dir.resolve("no-sa"), dir.resolve("home")))
        .hasMessageContaining("--kubeconfig (not given)")
        .hasMessageContaining("KUBERNETES_SERVICE_HOST unset")
        .hasMessageContaining("$KUBECONFIG (unset)")
        .hasMessageContaining("pass --kubeconfig");
  }

  @Test
  void watchStreamYieldsEventsAndRejectsALineThatIsNoEvent() throws Exception {
    String url = serve(http());
    KubeClient client = KubeConfigLoader.client(Optional.of(kubeconfig("server: " + url, "")));

    try (KubeWatch watch = client.watch(client.get("/watch"))) {
      KubeWatch.Event added = watch.next().orElseThrow();
      assertThat(added.type()).isEqualTo("ADDED");
      assertThat(JsonFields.string(added.object(), "metadata", "name")).isEqualTo("a");
      KubeWatch.Event error = watch.next().orElseThrow();
      assertThat(error.statusCode()).contains(410);
      assertThat(error.statusMessage()).isEqualTo("too old");
      assertThatThrownBy(watch::next)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("not json");
      assertThat(watch.next()).isEmpty();
    }
    client.release();
  }

  @Test
  void refusedWatchIsAnApiExceptionWithTheStatus() throws Exception {
    acceptedToken = "Bearer other";
    String url = serve(http());
    KubeClient client =
        KubeConfigLoader.client(Optional.of(kubeconfig("server: " + url, "token: t1")));

    assertThatThrownBy(() -> client.watch(client.get("/version")))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(401));
    client.release();
  }

  /** Makes a key pair and self-signed certificate for 127.0.0.1 with keytool; returns its PEM. */
  private Path tlsServer(String name) throws Exception {
    Path store = dir.resolve(name + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    run(
        keytool,
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-dname",
        "CN=" + name,
        "-ext",
        "SAN=IP:127.0.0.1",
        "-validity",
        "2",
        "-keystore",
        store.toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
    Path pem = dir.resolve(name + ".pem");
    run(
        keytool,
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        store.toString(),
        "-storepass",
        "changeit",
        "-file",
        pem.toString());
    return pem;
  }

  private static void run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (InputStream out = p.getInputStream()) {
      String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(text).isZero();
    }
  }

  private static HttpsServer https(Path store) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    HttpsServer s =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(context));
    return s;
  }
}
