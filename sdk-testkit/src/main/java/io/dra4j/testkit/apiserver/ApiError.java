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
package io.dra4j.testkit.apiserver;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/** A failed request, rendered as a Kubernetes {@code Status} object. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One field-level cause of an Invalid error. */
  record Cause(String type, String field, String message) {}

  final int code;
  final String reason;
  final transient List<Cause> causes;
  final transient ApiResource resource;
  final String name;

  ApiError(int code, String reason, String message) {
    this(code, reason, message, null, "", List.of());
  }

  ApiError(
      int code,
      String reason,
      String message,
      ApiResource resource,
      String name,
      List<Cause> causes) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.resource = resource;
    this.name = name;
    this.causes = List.copyOf(causes);
  }

  static ApiError notFound(ApiResource r, String name) {
    return new ApiError(
        404, "NotFound", qualified(r) + " \"" + name + "\" not found", r, name, List.of());
  }

  static ApiError alreadyExists(ApiResource r, String name) {
    return new ApiError(
        409,
        "AlreadyExists",
        qualified(r) + " \"" + name + "\" already exists",
        r,
        name,
        List.of());
  }

  static ApiError conflict(ApiResource r, String name, String why) {
    return new ApiError(
        409,
        "Conflict",
        "Operation cannot be fulfilled on " + qualified(r) + " \"" + name + "\": " + why,
        r,
        name,
        List.of());
  }

  static ApiError invalid(ApiResource r, String name, List<Cause> causes) {
    StringBuilder msg = new StringBuilder();
    msg.append(r.kind()).append(r.group().isEmpty() ? "" : "." + r.group());
    msg.append(" \"").append(name).append("\" is invalid: ");
    if (causes.size() > 1) {
      msg.append('[');
    }
    for (int i = 0; i < causes.size(); i++) {
      Cause c = causes.get(i);
      msg.append(i > 0 ? ", " : "").append(c.field()).append(": ").append(c.message());
    }
    if (causes.size() > 1) {
      msg.append(']');
    }
    return new ApiError(422, "Invalid", msg.toString(), r, name, causes);
  }

  /**
   * kube-apiserver's 400 for an object that fails strict field validation: undeclared fields or
   * values of the wrong JSON type, each named by its path.
   */
  static ApiError strictDecoding(ApiResource r, String name, List<Cause> causes) {
    StringBuilder msg = new StringBuilder();
    msg.append(r.kind())
        .append(" in version \"")
        .append(r.version())
        .append("\" cannot be handled as a ");
    msg.append(r.kind()).append(": strict decoding error: ");
    for (int i = 0; i < causes.size(); i++) {
      msg.append(i > 0 ? ", " : "").append(causes.get(i).message());
    }
    return new ApiError(400, "BadRequest", msg.toString(), r, name, causes);
  }

  /** kube-apiserver's 403 for a verb RBAC does not allow on the route's resource. */
  static ApiError forbidden(String verb, Route route) {
    ApiResource r = route.resource();
    return new ApiError(
        403,
        "Forbidden",
        qualified(r)
            + (route.name().isEmpty() ? "" : " \"" + route.name() + "\"")
            + " is forbidden: User \"system:serviceaccount:dra:driver\" cannot "
            + verb
            + " resource \""
            + route.resourcePath()
            + "\" in API group \""
            + r.group()
            + "\""
            + (route.namespace().isEmpty()
                ? " at the cluster scope"
                : " in the namespace \"" + route.namespace() + "\""),
        r,
        route.name(),
        List.of());
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, "BadRequest", message);
  }

  private static String qualified(ApiResource r) {
    return r.group().isEmpty() ? r.plural() : r.plural() + "." + r.group();
  }

  JsonObject toStatus() {
    JsonObject s = new JsonObject();
    s.addProperty("kind", "Status");
    s.addProperty("apiVersion", "v1");
    s.add("metadata", new JsonObject());
    s.addProperty("status", "Failure");
    s.addProperty("message", getMessage());
    s.addProperty("reason", reason);
    JsonObject details = new JsonObject();
    if (!name.isEmpty()) {
      details.addProperty("name", name);
    }
    if (resource != null) {
      details.addProperty("group", resource.group());
      details.addProperty("kind", resource.plural());
    }
    if (!causes.isEmpty()) {
      JsonArray arr = new JsonArray();
      for (Cause c : causes) {
        JsonObject o = new JsonObject();
        o.addProperty("reason", c.type());
        o.addProperty("message", c.message());
        o.addProperty("field", c.field());
        arr.add(o);
      }
      details.add("causes", arr);
    }
    s.add("details", details);
    s.addProperty("code", code);
    return s;
  }
}
