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
package io.dra4j.runtime.internal.claims;

import com.google.gson.JsonObject;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.runtime.internal.kube.JsonInformer;
import io.dra4j.runtime.internal.kube.KubeClient;
import io.kubernetes.client.openapi.ApiException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link ClaimLookup}: a watch-backed cache of the ResourceClaims (all namespaces)
 * whose allocation has a device of this driver. A lookup is answered from the cache when the UID
 * matches; on a miss or a UID mismatch it reads the claim live, so a claim allocated a moment ago
 * or a cache that lags never fails a prepare.
 */
public final class ClaimCache implements ClaimLookup {
  private static final Logger LOG = LoggerFactory.getLogger(ClaimCache.class);

  private final KubeClient client;
  private final String driver;
  private final JsonInformer informer;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong liveReads = new AtomicLong();

  private ClaimCache(KubeClient client, String driver) {
    this.client = client;
    this.driver = driver;
    this.informer =
        new JsonInformer(
            "resourceclaims with devices of " + driver,
            client,
            JsonInformer.Calls.collection(client, "/apis/resource.k8s.io/v1/resourceclaims"),
            this::hasDeviceOfDriver,
            (type, object) -> {});
  }

  /**
   * Starts a cache for {@code driver}'s claims; lookups work at once (live until synced). The
   * client stays the caller's: {@link #close()} does not release it.
   */
  public static ClaimCache start(KubeClient client, String driver) {
    ClaimCache c = new ClaimCache(Objects.requireNonNull(client), Objects.requireNonNull(driver));
    c.informer.start();
    return c;
  }

  private boolean hasDeviceOfDriver(JsonObject claim) {
    return JsonFields.objects(claim, "status", "allocation", "devices", "results").stream()
        .anyMatch(r -> driver.equals(JsonFields.string(r, "driver")));
  }

  /** Waits for the first list of claims. */
  public boolean awaitSynced(Duration timeout) throws InterruptedException {
    return informer.awaitSynced(timeout);
  }

  /** Lookups answered from the cache. */
  public long cacheHits() {
    return hits.get();
  }

  /** Lookups that read the claim from the API server. */
  public long liveReads() {
    return liveReads.get();
  }

  @Override
  public AllocatedClaim lookup(ClaimRef ref) throws ClaimLookupException {
    Optional<JsonObject> cached = informer.get(ref.namespace() + "/" + ref.name());
    if (cached.isPresent() && ref.uid().equals(uid(cached.get()))) {
      hits.incrementAndGet();
      return ClaimMapper.map(ref, cached.get(), driver);
    }
    JsonObject live = read(ref);
    String uid = uid(live);
    if (!ref.uid().equals(uid)) {
      throw new ClaimLookupException(
          ClaimLookupException.Reason.REPLACED,
          ref,
          "now has UID "
              + uid
              + ": the claim was replaced (deleted and created again); the kubelet will ask"
              + " again for the new claim");
    }
    return ClaimMapper.map(ref, live, driver);
  }

  private JsonObject read(ClaimRef ref) throws ClaimLookupException {
    liveReads.incrementAndGet();
    try {
      return client.execute(
          client.get(
              "/apis/resource.k8s.io/v1/namespaces/"
                  + ref.namespace()
                  + "/resourceclaims/"
                  + ref.name()));
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        throw new ClaimLookupException(
            ClaimLookupException.Reason.NOT_FOUND,
            ref,
            "does not exist: it was deleted before it could be prepared; nothing to do unless the"
                + " pod still needs it");
      }
      LOG.warn(
          "reading ResourceClaim {} for driver {} failed: {}",
          ref,
          driver,
          JsonInformer.describe(e));
      throw new ClaimLookupException(
          ClaimLookupException.Reason.READ_FAILED,
          ref,
          "cannot be read by driver "
              + driver
              + ": "
              + JsonInformer.describe(e)
              + (e.getCode() == 403
                  ? "; grant the driver's service account get/list/watch on"
                      + " resourceclaims.resource.k8s.io"
                  : "; the kubelet retries the prepare"),
          e);
    }
  }

  private static String uid(JsonObject claim) {
    return JsonFields.string(claim, "metadata", "uid");
  }

  /** Stops the watch and waits for its thread to end. */
  @Override
  public void close() {
    informer.close();
  }
}
