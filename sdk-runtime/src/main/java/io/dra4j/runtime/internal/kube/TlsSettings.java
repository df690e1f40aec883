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

import io.kubernetes.client.util.SSLUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.internal.tls.OkHostnameVerifier;

/**
 * How a driver's client checks the API server and proves who it is over TLS: the cluster's CA
 * certificates (else the JVM's trust store), an optional server name to check instead of the URL's
 * host, an optional client certificate, or no checks at all when the kubeconfig says {@code
 * insecure-skip-tls-verify}.
 */
final class TlsSettings {
  private final boolean verify;
  private final Optional<byte[]> certificateAuthority;
  private final Optional<String> serverName;
  private final KeyManager[] keyManagers;

  private TlsSettings(Builder b) {
    this.verify = b.verify;
    this.certificateAuthority = b.certificateAuthority;
    this.serverName = b.serverName;
    this.keyManagers = b.keyManagers;
  }

  static Builder builder() {
    return new Builder();
  }

  /** Sets the HTTP client's socket factory and host name check. */
  void apply(OkHttpClient.Builder http) {
    try {
      X509TrustManager trust = verify ? trustManager() : TrustAll.INSTANCE;
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, new TrustManager[] {trust}, null);
      http.sslSocketFactory(context.getSocketFactory(), trust);
      if (!verify) {
        http.hostnameVerifier((host, session) -> true);
      } else if (serverName.isPresent()) {
        String name = serverName.get();
        HostnameVerifier check = OkHostnameVerifier.INSTANCE;
        http.hostnameVerifier((host, session) -> check.verify(name, session));
      }
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private X509TrustManager trustManager() throws GeneralSecurityException, IOException {
    KeyStore store = null;
    if (certificateAuthority.isPresent()) {
      Collection<? extends Certificate> certs;
      try {
        certs =
            CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(certificateAuthority.get()));
      } catch (CertificateException e) {
        certs = List.of();
      }
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(
            "the cluster's certificate authority holds no PEM certificate; set"
                + " certificate-authority (a PEM file) or certificate-authority-data (base64 of"
                + " the PEM) in the kubeconfig, or ca.crt of the service account");
      }
      store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        store.setCertificateEntry("ca-" + i++, c);
      }
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager m : factory.getTrustManagers()) {
      if (m instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("the JVM offers no X.509 trust manager");
  }

  /** Accepts every server certificate: {@code insecure-skip-tls-verify: true}. */
  private enum TrustAll implements X509TrustManager {
    INSTANCE;

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** Collects the settings. */
  static final class Builder {
    private boolean verify = true;
    private Optional<byte[]> certificateAuthority = Optional.empty();
    private Optional<String> serverName = Optional.empty();
    private KeyManager[] keyManagers;

    Builder verify(boolean verify) {
      this.verify = verify;
      return this;
    }

    Builder certificateAuthority(byte[] pem) {
      this.certificateAuthority = Optional.of(pem.clone());
      return this;
    }

    Builder serverName(String name) {
      this.serverName = Optional.of(name);
      return this;
    }

    /** A PEM client certificate and its PEM key (PKCS#1 RSA, SEC 1 EC or PKCS#8). */
    Builder clientCertificate(byte[] certificate, byte[] key) {
      String pem = new String(key, java.nio.charset.StandardCharsets.UTF_8);
      String algorithm =
          pem.contains("BEGIN EC PRIVATE KEY")
              ? "EC"
              : pem.contains("BEGIN RSA PRIVATE KEY") ? "RSA" : "";
      try {
        this.keyManagers = SSLUtils.keyManagers(certificate, key, algorithm, "", null, null);
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalArgumentException(
            "cannot load the client certificate and key ("
                + e.getMessage()
                + "); check client-certificate(-data) and client-key(-data) in the kubeconfig",
            e);
      }
      return this;
    }

    TlsSettings build() {
      return new TlsSettings(this);
    }
  }
}
