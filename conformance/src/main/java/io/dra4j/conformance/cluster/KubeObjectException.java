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
package io.dra4j.conformance.cluster;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.dra4j.runtime.internal.kube.JsonFields;
import io.kubernetes.client.openapi.ApiException;
import java.util.ArrayList;
import java.util.List;

/** The API server refused a request; carries the HTTP code, the reason and the server's message. */
public final class KubeObjectException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final String reason;
  private final List<String> fields;

  KubeObjectException(String what, ApiException cause) {
    super(message(what, cause), cause);
    this.code = cause.getCode();
    this.reason = field(cause.getResponseBody(), "reason");
    this.fields = causeFields(cause.getResponseBody());
  }

  /** The HTTP status code, e.g. 422 for an invalid object. */
  public int code() {
    return code;
  }

  /** The Status reason, e.g. {@code Invalid}, {@code Forbidden}, {@code Conflict}; may be empty. */
  public String reason() {
    return reason;
  }

  /**
   * The field paths of the Status's {@code details.causes}, in order, e.g. {@code
   * spec.devices.requests[0].adminAccess} of a 422 Invalid; empty when the answer names none.
   */
  public List<String> fields() {
    return fields;
  }

  private static List<String> causeFields(String body) {
    if (body == null || body.isBlank()) {
      return List.of();
    }
    try {
      JsonElement json = JsonParser.parseString(body);
      if (!json.isJsonObject()) {
        return List.of();
      }
      List<String> out = new ArrayList<>();
      for (JsonObject c : JsonFields.objects(json.getAsJsonObject(), "details", "causes")) {
        out.add(JsonFields.string(c, "field"));
      }
      return List.copyOf(out);
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private static String message(String what, ApiException e) {
    String server = field(e.getResponseBody(), "message");
    return "cannot "
        + what
        + ": HTTP "
        + e.getCode()
        + (server.isEmpty() ? " " + e.getMessage() : " " + server);
  }

  private static String field(String body, String name) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      var json = JsonParser.parseString(body);
      if (json.isJsonObject()) {
        return JsonFields.string(json.getAsJsonObject(), name);
      }
    } catch (RuntimeException e) {
      return "";
    }
    return "";
  }
}
