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
package io.dra4j.examples.demo;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.dra4j.testkit.cluster.ClusterDevice;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The demo's machine-readable output: one JSON document with the options, the seed template, every
 * published device, each pod's outcome and a summary.
 */
final class JsonReport {
  private JsonReport() {}

  static String render(DemoReport r) {
    JsonObject root = new JsonObject();
    root.addProperty("instanceType", r.options().instanceType());
    root.add("nodes", strings(r.nodes()));
    root.add("drivers", strings(SeedTemplate.DRIVERS));
    root.add("template", template(r.template()));
    JsonArray published = new JsonArray();
    for (ClusterDevice d : r.published()) {
      JsonObject o = new JsonObject();
      o.addProperty("node", d.node().orElse(""));
      o.addProperty("driver", d.driver());
      o.addProperty("pool", d.pool());
      o.addProperty("device", d.name());
      Map<String, String> attributes = new TreeMap<>();
      d.attributes().keySet().forEach(a -> attributes.put(a, d.attributeText(a).orElseThrow()));
      Map<String, String> capacity = new TreeMap<>();
      d.capacity().forEach((c, q) -> capacity.put(c, q.toString()));
      o.add("attributes", map(attributes));
      o.add("capacity", map(capacity));
      published.add(o);
    }
    root.add("publishedDevices", published);
    JsonArray pods = new JsonArray();
    r.pods().forEach(p -> pods.add(pod(p)));
    root.add("pods", pods);
    root.add("summary", summary(r));
    return new GsonBuilder()
        .serializeNulls()
        .setPrettyPrinting()
        .disableHtmlEscaping()
        .create()
        .toJson(root);
  }

  private static JsonObject template(SeedTemplate t) {
    JsonObject o = new JsonObject();
    o.addProperty("name", t.name());
    o.addProperty("resource", t.resource());
    o.addProperty("neuronDevices", t.neuronDevices());
    o.addProperty("efaAdapters", t.efaAdapters());
    o.add("matchAttribute", optional(t.matchAttribute()));
    o.addProperty("why", t.why());
    o.addProperty("yaml", t.yaml());
    return o;
  }

  private static JsonObject pod(PodOutcome p) {
    JsonObject o = new JsonObject();
    o.addProperty("name", p.pod());
    o.addProperty("claim", p.claim());
    o.addProperty("scheduled", p.scheduled());
    o.addProperty("running", p.running());
    o.add("node", optional(p.node()));
    JsonArray devices = new JsonArray();
    for (PodOutcome.Device d : p.devices()) {
      JsonObject dev = new JsonObject();
      dev.addProperty("request", d.request());
      dev.addProperty("driver", d.driver());
      dev.addProperty("device", d.device());
      dev.add("group", optional(d.group()));
      devices.add(dev);
    }
    o.add("devices", devices);
    if (p.running()) {
      JsonObject container = new JsonObject();
      container.add("env", map(p.env()));
      container.add("deviceNodes", strings(p.deviceNodes()));
      container.add("cdiDevices", strings(p.cdiDevices()));
      o.add("container", container);
    } else {
      o.add("container", JsonNull.INSTANCE);
    }
    o.add("explain", optional(p.explain()));
    o.add("errors", strings(p.errors()));
    return o;
  }

  private static JsonObject summary(DemoReport r) {
    JsonObject o = new JsonObject();
    o.addProperty("podsRunning", r.running().size());
    o.addProperty("podsUnschedulable", r.unschedulable().size());
    o.addProperty("podsFailed", r.failed().size());
    o.addProperty("groupsUsed", TextReport.groupsUsed(r.running()));
    JsonObject published = new JsonObject();
    JsonObject allocated = new JsonObject();
    for (String driver : SeedTemplate.DRIVERS) {
      published.addProperty(driver, r.published(driver).size());
      allocated.addProperty(driver, r.allocated(driver));
    }
    o.add("published", published);
    o.add("allocated", allocated);
    o.addProperty("startupMillis", r.startup().toMillis());
    o.addProperty("elapsedMillis", r.elapsed().toMillis());
    return o;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }

  private static JsonObject map(Map<String, String> values) {
    JsonObject o = new JsonObject();
    values.forEach(o::addProperty);
    return o;
  }

  private static JsonElement optional(Optional<String> value) {
    return value.<JsonElement>map(JsonPrimitive::new).orElse(JsonNull.INSTANCE);
  }
}
