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
package io.dra4j.runtime.internal.slices;

import com.google.gson.JsonObject;
import io.dra4j.runtime.internal.kube.ApiJson;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.dra4j.runtime.internal.kube.JsonInformer;
import io.dra4j.runtime.internal.kube.KubeClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1ResourceSlice;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Performs the {@link SliceAction}s of a pass against the API. A conflict is settled at once with a
 * fresh read: a create that finds the slice already there leaves it for the next comparison, an
 * update retries on the fresh object up to five times (or stops when the fresh object already
 * matches), a delete whose UID precondition fails leaves the new object alone. An update or delete
 * of a slice that is gone is a create or nothing. Every result goes into the informer's cache
 * before its watch event arrives. Any other failure is counted, described and thrown.
 */
final class SliceWriter {
  // Under the publisher's name: one logger setting covers every part of it.
  private static final Logger LOG = LoggerFactory.getLogger(SlicePublisher.class);
  private static final int CONFLICT_RETRIES = 5;

  private static final String SLICES = "/apis/resource.k8s.io/v1/resourceslices";
  private final KubeClient client;
  private final String who;
  private final PublisherCounters counters;

  SliceWriter(KubeClient client, String who, PublisherCounters counters) {
    this.client = client;
    this.who = who;
    this.counters = counters;
  }

  /** Performs {@code actions} in order; {@code cache} is the informer that shows these slices. */
  void apply(List<SliceAction> actions, JsonInformer cache) throws ApiException {
    for (SliceAction a : actions) {
      if (a instanceof SliceAction.Create c) {
        create(c.slice(), cache);
      } else if (a instanceof SliceAction.Update u) {
        update(u.slice(), u.observed(), cache);
      } else if (a instanceof SliceAction.Delete d) {
        delete(d.observed(), cache);
      }
    }
  }

  private JsonObject call(okhttp3.Call call) throws ApiException {
    return client.execute(call);
  }

  private void create(V1ResourceSlice slice, JsonInformer cache) throws ApiException {
    String name = slice.getMetadata().getName();
    try {
      JsonObject created = call(client.send("POST", SLICES, ApiJson.toJson(slice)));
      cache.recordWrite(created);
      counters.created();
      LOG.debug("created ResourceSlice {} of {}", name, who);
    } catch (ApiException e) {
      if (e.getCode() != 409) {
        throw counters.failed(
            "create", "resourceslices", name, e, ServerSupport.rejectionHint(slice, e));
      }
      counters.conflict();
      // It exists although our cache did not show it yet: read it and compare again.
      readInto(name, cache);
    }
  }

  private void update(V1ResourceSlice slice, JsonObject observed, JsonInformer cache)
      throws ApiException {
    String name = slice.getMetadata().getName();
    JsonObject current = observed;
    for (int attempt = 0; ; attempt++) {
      slice
          .getMetadata()
          .resourceVersion(JsonFields.string(current, "metadata", "resourceVersion"));
      try {
        JsonObject updated = call(client.send("PUT", SLICES + "/" + name, ApiJson.toJson(slice)));
        cache.recordWrite(updated);
        counters.updated();
        LOG.debug("updated ResourceSlice {} of {}", name, who);
        return;
      } catch (ApiException e) {
        if (e.getCode() == 404) {
          slice.getMetadata().resourceVersion(null);
          create(slice, cache);
          return;
        }
        if (e.getCode() != 409 || attempt >= CONFLICT_RETRIES) {
          throw counters.failed(
              "update", "resourceslices", name, e, ServerSupport.rejectionHint(slice, e));
        }
        counters.conflict();
        Optional<JsonObject> fresh = readInto(name, cache);
        if (fresh.isEmpty()) {
          slice.getMetadata().resourceVersion(null);
          create(slice, cache);
          return;
        }
        if (SliceContent.same(fresh.get(), slice)) {
          return;
        }
        current = fresh.get();
      }
    }
  }

  private Optional<JsonObject> readInto(String name, JsonInformer cache) throws ApiException {
    try {
      JsonObject fresh = call(client.get(SLICES + "/" + name));
      cache.recordWrite(fresh);
      return Optional.of(fresh);
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        cache.recordDelete(name);
        return Optional.empty();
      }
      throw counters.failed("get", "resourceslices", name, e);
    }
  }

  private void delete(JsonObject slice, JsonInformer cache) throws ApiException {
    String name = JsonInformer.key(slice);
    JsonObject meta = slice.getAsJsonObject("metadata");
    JsonObject preconditions = new JsonObject();
    preconditions.addProperty("uid", JsonFields.string(meta, "uid"));
    JsonObject options = new JsonObject();
    options.addProperty("kind", "DeleteOptions");
    options.addProperty("apiVersion", "v1");
    options.add("preconditions", preconditions);
    try {
      call(client.send("DELETE", SLICES + "/" + name, options));
      counters.deleted();
      LOG.debug("deleted obsolete ResourceSlice {} of {}", name, who);
    } catch (ApiException e) {
      if (e.getCode() == 409) {
        counters.conflict();
        readInto(name, cache);
        return;
      }
      if (e.getCode() != 404) {
        throw counters.failed("delete", "resourceslices", name, e);
      }
    }
    cache.recordDelete(name);
  }
}
