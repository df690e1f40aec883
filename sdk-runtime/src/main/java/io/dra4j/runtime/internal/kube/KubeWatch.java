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

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiException;
import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;
import okhttp3.Call;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * One open watch stream: the API server's newline-delimited JSON events ({@code {"type": ...,
 * "object": ...}}), read one at a time as JSON trees.
 */
public final class KubeWatch implements Closeable {
  private final Response response;
  private final BufferedSource source;

  private KubeWatch(Response response, BufferedSource source) {
    this.response = response;
    this.source = source;
  }

  /**
   * One event: {@code ADDED}, {@code MODIFIED}, {@code DELETED}, {@code BOOKMARK} or {@code ERROR}.
   */
  public record Event(String type, JsonObject object) {
    /** For an {@code ERROR} event, the Status's {@code code}, when it has one. */
    public Optional<Integer> statusCode() {
      JsonElement code = object.get("code");
      return code != null && code.isJsonPrimitive() && code.getAsJsonPrimitive().isNumber()
          ? Optional.of(code.getAsInt())
          : Optional.empty();
    }

    /** For an {@code ERROR} event, the Status's {@code message}; empty when it has none. */
    public String statusMessage() {
      return JsonFields.string(object, "message");
    }
  }

  static KubeWatch open(Call call) throws ApiException {
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      throw new ApiException(e);
    }
    ResponseBody body = response.body();
    if (response.isSuccessful() && body != null) {
      return new KubeWatch(response, body.source());
    }
    try (response) {
      throw KubeClient.failure(response, body == null ? "" : body.string());
    } catch (IOException e) {
      throw new ApiException(e.getMessage(), e, response.code(), response.headers().toMultimap());
    }
  }

  /**
   * The next event, or empty when the server ended the stream.
   *
   * @throws IOException when the stream broke or a line is not a watch event
   */
  public Optional<Event> next() throws IOException {
    String line;
    do {
      line = source.readUtf8Line();
      if (line == null) {
        return Optional.empty();
      }
    } while (line.isBlank());
    try {
      JsonObject event = JsonParser.parseString(line).getAsJsonObject();
      String type = JsonFields.string(event, "type");
      JsonElement object = event.get("object");
      if (type.isEmpty() || object == null || !object.isJsonObject()) {
        throw new IOException("not a watch event (no type or object): " + abbreviate(line));
      }
      return Optional.of(new Event(type, object.getAsJsonObject()));
    } catch (JsonParseException | IllegalStateException e) {
      throw new IOException("not a watch event: " + abbreviate(line), e);
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 200 ? line : line.substring(0, 200) + "...";
  }

  /** Ends the stream and frees its connection. */
  @Override
  public void close() {
    response.close();
  }
}
