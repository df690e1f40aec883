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
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the one protobuf request body kubectl sends to the fake server: a {@code v1} Namespace,
 * which {@code kubectl create namespace} posts as {@code application/vnd.kubernetes.protobuf}
 * (kubectl's typed clients prefer protobuf and, unlike for CBOR, never fall back to JSON). The body
 * is the Kubernetes envelope: the magic {@code k8s\0}, then a {@code runtime.Unknown} whose {@code
 * raw} field holds the object. Every other kind is refused with 415 and the fix.
 */
final class ProtobufBodies {
  /** The content type of a protobuf body. */
  static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private ProtobufBodies() {}

  /** Whether a request's {@code Content-Type} is protobuf. */
  static boolean isProtobuf(String contentType) {
    return contentType.toLowerCase(java.util.Locale.ROOT).startsWith(CONTENT_TYPE);
  }

  /**
   * The JSON object of a protobuf body.
   *
   * @throws ApiError 415 for a kind other than v1 Namespace, 400 for a malformed body
   */
  static JsonObject json(byte[] body) {
    if (body.length < MAGIC.length || !Arrays.equals(body, 0, MAGIC.length, MAGIC, 0, 4)) {
      throw ApiError.badRequest("the protobuf request body does not start with the k8s envelope");
    }
    try {
      CodedInputStream in = CodedInputStream.newInstance(body, 4, body.length - 4);
      String apiVersion = "";
      String kind = "";
      ByteString raw = ByteString.EMPTY;
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        switch (WireFormat.getTagFieldNumber(tag)) {
          case 1 -> {
            CodedInputStream typeMeta = in.readBytes().newCodedInput();
            for (int t = typeMeta.readTag(); t != 0; t = typeMeta.readTag()) {
              switch (WireFormat.getTagFieldNumber(t)) {
                case 1 -> apiVersion = typeMeta.readStringRequireUtf8();
                case 2 -> kind = typeMeta.readStringRequireUtf8();
                default -> typeMeta.skipField(t);
              }
            }
          }
          case 2 -> raw = in.readBytes();
          default -> in.skipField(tag);
        }
      }
      if (!apiVersion.equals("v1") || !kind.equals("Namespace")) {
        throw new ApiError(
            415,
            "UnsupportedMediaType",
            "the fake API server reads protobuf bodies only for a v1 Namespace (kubectl create"
                + " namespace), not "
                + apiVersion
                + " "
                + kind
                + ": send it as application/json, for example with kubectl apply -f");
      }
      return namespace(raw.newCodedInput());
    } catch (IOException e) {
      throw ApiError.badRequest("the protobuf request body is malformed: " + e.getMessage());
    }
  }

  /** A {@code k8s.io.api.core.v1.Namespace}: metadata (name, labels, ...) and spec.finalizers. */
  private static JsonObject namespace(CodedInputStream in) throws IOException {
    JsonObject ns = new JsonObject();
    ns.addProperty("apiVersion", "v1");
    ns.addProperty("kind", "Namespace");
    JsonObject spec = new JsonObject();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> ns.add("metadata", objectMeta(in.readBytes().newCodedInput()));
        case 2 -> {
          CodedInputStream s = in.readBytes().newCodedInput();
          JsonArray finalizers = new JsonArray();
          for (int t = s.readTag(); t != 0; t = s.readTag()) {
            if (WireFormat.getTagFieldNumber(t) == 1) {
              finalizers.add(s.readStringRequireUtf8());
            } else {
              s.skipField(t);
            }
          }
          if (!finalizers.isEmpty()) {
            spec.add("finalizers", finalizers);
          }
        }
        default -> in.skipField(tag);
      }
    }
    ns.add("spec", spec);
    return ns;
  }

  /** The fields of {@code ObjectMeta} a client sets on create: names, labels, annotations. */
  private static JsonObject objectMeta(CodedInputStream in) throws IOException {
    JsonObject meta = new JsonObject();
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> meta.addProperty("name", in.readStringRequireUtf8());
        case 2 -> meta.addProperty("generateName", in.readStringRequireUtf8());
        case 11 -> mapEntry(in.readBytes().newCodedInput(), child(meta, "labels"));
        case 12 -> mapEntry(in.readBytes().newCodedInput(), child(meta, "annotations"));
        default -> in.skipField(tag);
      }
    }
    return meta;
  }

  private static JsonObject child(JsonObject parent, String name) {
    if (!parent.has(name)) {
      parent.add(name, new JsonObject());
    }
    return parent.getAsJsonObject(name);
  }

  private static void mapEntry(CodedInputStream in, JsonObject into) throws IOException {
    String key = "";
    String value = "";
    for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> key = in.readStringRequireUtf8();
        case 2 -> value = in.readStringRequireUtf8();
        default -> in.skipField(tag);
      }
    }
    into.addProperty(key, value);
  }
}
