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
package io.dra4j.runtime.config;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.dra4j.api.config.AppliedConfig;
import io.dra4j.api.config.ConfigKind;
import io.dra4j.api.config.ValidatedConfig;
import io.dra4j.api.device.Quantity;
import io.dra4j.api.prepare.ClaimRef;
import io.dra4j.runtime.claims.RawConfig;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes opaque configuration strictly into the provider's record types. Thread-safe.
 *
 * <p>The parameters must be a JSON object with {@code apiVersion} and {@code kind} naming one of
 * the driver's {@link ConfigKind}s; every other field maps to a record component of the same name.
 * Supported component types: {@code String}, {@code boolean}, {@code int}, {@code long}, {@code
 * double} (and their boxes), enums, {@link Quantity} (from {@code "1.5Gi"} or a number), {@link
 * Duration} (Go style {@code "1m30s"} or ISO-8601 {@code "PT90S"}), {@code Optional<T>}, {@code
 * List<T>}, {@code Map<String, T>} and nested records. Unsupported types are rejected when the
 * decoder is built, so a driver cannot ship a config type that can never be decoded.
 *
 * <p>Rules: a component that is not {@code Optional} is required; unknown and duplicate fields are
 * errors; JSON types must match (no string-to-number coercion); integers must be whole and in
 * range. An enum value matches a constant by its name ignoring case, or by its lowerCamel or
 * PascalCase spelling ({@code timeSlicing} and {@code TimeSlicing} both match {@code
 * TIME_SLICING}). Every decoded record that implements {@link ValidatedConfig} is validated, and an
 * {@link IllegalArgumentException} it throws becomes a decoding error.
 */
public final class OpaqueConfigDecoder {
  private static final Logger LOG = LoggerFactory.getLogger(OpaqueConfigDecoder.class);
  private static final Pattern GO_DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  private final String driverName;
  private final List<ConfigKind<?>> kinds;

  /**
   * @param driverName entries whose {@code driver} differs are skipped
   * @param kinds the configuration kinds the driver accepts
   * @throws IllegalArgumentException when two kinds share an apiVersion and kind, or a record uses
   *     a component type the decoder cannot decode
   */
  public OpaqueConfigDecoder(String driverName, List<ConfigKind<?>> kinds) {
    this.driverName = Objects.requireNonNull(driverName, "driverName");
    this.kinds = List.copyOf(kinds);
    Set<String> seen = new HashSet<>();
    for (ConfigKind<?> k : this.kinds) {
      if (!seen.add(k.apiVersion() + " " + k.kind())) {
        throw new IllegalArgumentException(
            "config kind apiVersion="
                + k.apiVersion()
                + ", kind="
                + k.kind()
                + " is declared twice; declare each kind once");
      }
      checkSupported(k.type(), k.type().getSimpleName(), new HashSet<>());
    }
  }

  /**
   * Keeps the entries whose driver is this driver, in order, and decodes each. The caller passes
   * the allocation's entries in order (class entries first, then claim entries); the error of the
   * first entry that fails is thrown.
   *
   * @throws ConfigDecodingException naming the claim, the entry, the field and the fix
   */
  public List<AppliedConfig> decode(ClaimRef claim, List<RawConfig> configs)
      throws ConfigDecodingException {
    Objects.requireNonNull(claim, "claim");
    List<AppliedConfig> out = new ArrayList<>();
    for (int i = 0; i < configs.size(); i++) {
      RawConfig raw = configs.get(i);
      if (!driverName.equals(raw.driver())) {
        continue;
      }
      Record record = decodeOne(claim, i, raw);
      out.add(new AppliedConfig(raw.source(), raw.requests(), record));
      LOG.debug(
          "Decoded opaque config #{} of claim {} (uid {}) as {}",
          i,
          claim.namespace() + "/" + claim.name(),
          claim.uid(),
          record.getClass().getSimpleName());
    }
    return Collections.unmodifiableList(out);
  }

  private Record decodeOne(ClaimRef claim, int index, RawConfig raw)
      throws ConfigDecodingException {
    try {
      return decodeParameters(raw.parametersJson());
    } catch (Failure f) {
      throw new ConfigDecodingException(
          claim, index, raw.source(), f.configType, f.path, f.getMessage(), f.getCause());
    }
  }

  private Record decodeParameters(String json) {
    JsonElement root = parseStrict(json);
    if (!root.isJsonObject()) {
      throw new Failure(
          "",
          "the parameters must be a JSON object with apiVersion and kind, got "
              + describe(root)
              + "; "
              + acceptedKinds());
    }
    JsonObject obj = root.getAsJsonObject();
    String apiVersion = typeField(obj, "apiVersion");
    String kindName = typeField(obj, "kind");
    String type = "apiVersion=" + apiVersion + ", kind=" + kindName;
    try {
      ConfigKind<?> kind =
          kinds.stream()
              .filter(k -> k.apiVersion().equals(apiVersion) && k.kind().equals(kindName))
              .findFirst()
              .orElseThrow(
                  () ->
                      new Failure(
                          "",
                          "driver " + driverName + " does not know this kind; " + acceptedKinds()));
      JsonObject fields = obj.deepCopy();
      fields.remove("apiVersion");
      fields.remove("kind");
      return decodeRecord(kind.type(), fields, "");
    } catch (Failure f) {
      f.configType = type;
      throw f;
    }
  }

  private String typeField(JsonObject obj, String name) {
    JsonElement e = obj.get(name);
    if (e == null || !isString(e) || e.getAsString().isEmpty()) {
      throw new Failure(
          name,
          (e == null ? "is required" : "must be a non-empty string, got " + describe(e))
              + "; "
              + acceptedKinds());
    }
    return e.getAsString();
  }

  private String acceptedKinds() {
    if (kinds.isEmpty()) {
      return "driver " + driverName + " accepts no opaque configuration; remove the entry";
    }
    return "driver "
        + driverName
        + " accepts "
        + kinds.stream()
            .map(k -> "apiVersion=" + k.apiVersion() + ", kind=" + k.kind())
            .collect(Collectors.joining("; "));
  }

  // ---- decoding ----

  /**
   * A record type's components and canonical constructor, looked up once per type rather than for
   * every claim.
   */
  private record RecordShape(Map<String, RecordComponent> byName, Constructor<?> constructor) {
    static final ClassValue<RecordShape> OF =
        new ClassValue<>() {
          @Override
          protected RecordShape computeValue(Class<?> type) {
            Map<String, RecordComponent> byName = new LinkedHashMap<>();
            Class<?>[] argTypes = new Class<?>[type.getRecordComponents().length];
            int i = 0;
            for (RecordComponent c : type.getRecordComponents()) {
              byName.put(c.getName(), c);
              argTypes[i++] = c.getType();
            }
            Constructor<?> ctor;
            try {
              ctor = type.getDeclaredConstructor(argTypes);
              ctor.setAccessible(true);
            } catch (ReflectiveOperationException e) {
              throw new IllegalStateException(e.toString(), e);
            }
            return new RecordShape(Collections.unmodifiableMap(byName), ctor);
          }
        };
  }

  private Record decodeRecord(Class<?> type, JsonObject obj, String path) {
    RecordShape shape;
    try {
      shape = RecordShape.OF.get(type);
    } catch (RuntimeException e) {
      throw new Failure(path, "cannot construct " + type.getName() + ": " + e.getMessage(), e);
    }
    Map<String, RecordComponent> byName = shape.byName();
    for (String key : obj.keySet()) {
      if (!byName.containsKey(key)) {
        throw new Failure(
            join(path, key),
            "unknown field; "
                + type.getSimpleName()
                + (path.isEmpty() ? "" : " at '" + path + "'")
                + " allows "
                + (byName.isEmpty() ? "no fields" : String.join(", ", byName.keySet()))
                + (path.isEmpty() ? " besides apiVersion and kind" : ""));
      }
    }
    Object[] args = new Object[byName.size()];
    int i = 0;
    for (RecordComponent c : byName.values()) {
      String p = join(path, c.getName());
      JsonElement value = obj.get(c.getName());
      if (value == null && c.getType() != Optional.class) {
        throw new Failure(p, "is required (" + typeName(c.getGenericType()) + "); add it");
      }
      args[i++] = decodeValue(c.getGenericType(), value == null ? JsonNull.INSTANCE : value, p);
    }
    Record r;
    try {
      r = (Record) shape.constructor().newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause();
      throw new Failure(path, "invalid " + type.getSimpleName() + ": " + t.getMessage(), t);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new Failure(path, "cannot construct " + type.getName() + ": " + e, e);
    }
    if (r instanceof ValidatedConfig v) {
      try {
        v.validate();
      } catch (IllegalArgumentException e) {
        throw new Failure(path, e.getMessage(), e);
      }
    }
    return r;
  }

  private Object decodeValue(Type type, JsonElement e, String path) {
    if (type instanceof ParameterizedType pt) {
      Class<?> raw = (Class<?>) pt.getRawType();
      Type arg = pt.getActualTypeArguments()[pt.getActualTypeArguments().length - 1];
      if (raw == Optional.class) {
        return e.isJsonNull() ? Optional.empty() : Optional.of(decodeValue(arg, e, path));
      }
      if (raw == List.class) {
        JsonArray a = expect(e, e.isJsonArray(), "a list (JSON array)", path).getAsJsonArray();
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
          out.add(decodeValue(arg, a.get(i), path + "[" + i + "]"));
        }
        return Collections.unmodifiableList(out);
      }
      if (raw == Map.class) {
        JsonObject o = expect(e, e.isJsonObject(), "a map (JSON object)", path).getAsJsonObject();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> en : o.entrySet()) {
          out.put(en.getKey(), decodeValue(arg, en.getValue(), path + "[" + en.getKey() + "]"));
        }
        return Collections.unmodifiableMap(out);
      }
    }
    Class<?> c = (Class<?>) type;
    if (c == String.class) {
      return expect(e, isString(e), "a string", path).getAsString();
    }
    if (c == boolean.class || c == Boolean.class) {
      return expect(
              e, e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean(), "true or false", path)
          .getAsBoolean();
    }
    if (c == int.class || c == Integer.class) {
      return (int) integer(e, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (c == long.class || c == Long.class) {
      return integer(e, path, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (c == double.class || c == Double.class) {
      double d = number(e, path, "a number").doubleValue();
      if (Double.isInfinite(d)) {
        throw new Failure(path, "number " + e + " is too large for a double");
      }
      return d;
    }
    if (c == Quantity.class) {
      if (isNumber(e)) {
        return Quantity.parse(number(e, path, "a quantity").toPlainString());
      }
      String s =
          expect(e, isString(e), "a quantity such as \"1.5Gi\", \"100m\" or 64", path)
              .getAsString();
      try {
        return Quantity.parse(s);
      } catch (IllegalArgumentException ex) {
        throw new Failure(
            path,
            "'"
                + s
                + "' is not a quantity; write a number with an optional suffix (m, k, M, G, Ki,"
                + " Mi, Gi, Ti) such as \"1.5Gi\", \"100m\" or 64",
            ex);
      }
    }
    if (c == Duration.class) {
      String s =
          expect(e, isString(e), "a duration such as \"30s\" or \"1m30s\"", path).getAsString();
      return duration(s, path);
    }
    if (c.isEnum()) {
      String s = expect(e, isString(e), "one of " + enumSpellings(c), path).getAsString();
      return enumValue(c, s, path);
    }
    if (c.isRecord()) {
      return decodeRecord(
          c, expect(e, e.isJsonObject(), "an object", path).getAsJsonObject(), path);
    }
    throw new Failure(path, "unsupported type " + c.getName());
  }

  private static JsonElement expect(JsonElement e, boolean ok, String expected, String path) {
    if (e.isJsonNull()) {
      throw new Failure(path, "must not be null; expected " + expected);
    }
    if (!ok) {
      throw new Failure(path, "expected " + expected + ", got " + describe(e));
    }
    return e;
  }

  private static BigDecimal number(JsonElement e, String path, String expected) {
    return expect(e, isNumber(e), expected, path).getAsBigDecimal();
  }

  private static long integer(JsonElement e, String path, long min, long max) {
    BigDecimal d = number(e, path, "an integer");
    BigInteger v;
    try {
      v = d.toBigIntegerExact();
    } catch (ArithmeticException ex) {
      throw new Failure(path, "expected an integer, got the fractional number " + e);
    }
    if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new Failure(path, e + " is out of range; allowed " + min + " to " + max);
    }
    return v.longValueExact();
  }

  private static Object enumValue(Class<?> type, String s, String path) {
    Object[] constants = type.getEnumConstants();
    for (Object o : constants) {
      if (((Enum<?>) o).name().equals(s)) {
        return o;
      }
    }
    String wanted = normalise(s);
    for (Object o : constants) {
      if (normalise(((Enum<?>) o).name()).equals(wanted)) {
        return o;
      }
    }
    throw new Failure(path, "'" + s + "' is not allowed; allowed values: " + enumSpellings(type));
  }

  private static String normalise(String s) {
    return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
  }

  private static String enumSpellings(Class<?> type) {
    return java.util.Arrays.stream(type.getEnumConstants())
        .map(o -> pascal(((Enum<?>) o).name()))
        .collect(Collectors.joining(", "));
  }

  /** {@code TIME_SLICING} → {@code TimeSlicing}; names that are not upper snake case stay. */
  private static String pascal(String name) {
    if (!name.equals(name.toUpperCase(Locale.ROOT))) {
      return name;
    }
    StringBuilder sb = new StringBuilder();
    for (String part : name.split("_")) {
      if (!part.isEmpty()) {
        sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
      }
    }
    return sb.toString();
  }

  private static Duration duration(String s, String path) {
    String fix =
        "'"
            + s
            + "' is not a duration; write Go style like \"30s\", \"1m30s\", \"250ms\" or ISO-8601"
            + " like \"PT30S\"";
    if (s.startsWith("P") || s.startsWith("-P")) {
      try {
        return Duration.parse(s);
      } catch (DateTimeParseException ex) {
        throw new Failure(path, fix, ex);
      }
    }
    boolean negative = s.startsWith("-");
    String body = negative || s.startsWith("+") ? s.substring(1) : s;
    if (body.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = GO_DURATION_PART.matcher(body);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      BigDecimal n = new BigDecimal(m.group(1));
      long unit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us", "µs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      nanos = nanos.add(n.multiply(BigDecimal.valueOf(unit)));
      end = m.end();
    }
    if (end == 0 || end != body.length()) {
      throw new Failure(path, fix);
    }
    try {
      Duration d =
          Duration.ofNanos(nanos.setScale(0, java.math.RoundingMode.DOWN).longValueExact());
      return negative ? d.negated() : d;
    } catch (ArithmeticException ex) {
      throw new Failure(path, "'" + s + "' is too long a duration", ex);
    }
  }

  // ---- JSON ----

  /** Parses strict JSON (RFC 8259) and rejects duplicate keys, which plain tree parsers hide. */
  private static JsonElement parseStrict(String text) {
    try {
      JsonReader r = new JsonReader(new StringReader(text));
      r.setStrictness(Strictness.STRICT);
      JsonElement root = read(r, "");
      if (r.peek() != JsonToken.END_DOCUMENT) {
        throw new Failure("", "the parameters are not valid JSON: content after the JSON value");
      }
      return root;
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw new Failure("", "the parameters are not valid JSON: " + e.getMessage(), e);
    }
  }

  private static JsonElement read(JsonReader r, String path) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT:
        {
          JsonObject o = new JsonObject();
          r.beginObject();
          while (r.hasNext()) {
            String key = r.nextName();
            String p = join(path, key);
            if (o.has(key)) {
              throw new Failure(p, "appears twice; give each field once");
            }
            o.add(key, read(r, p));
          }
          r.endObject();
          return o;
        }
      case BEGIN_ARRAY:
        {
          JsonArray a = new JsonArray();
          r.beginArray();
          while (r.hasNext()) {
            a.add(read(r, path + "[" + a.size() + "]"));
          }
          r.endArray();
          return a;
        }
      case STRING:
        return new JsonPrimitive(r.nextString());
      case NUMBER:
        return new JsonPrimitive(new BigDecimal(r.nextString()));
      case BOOLEAN:
        return new JsonPrimitive(r.nextBoolean());
      case NULL:
        r.nextNull();
        return JsonNull.INSTANCE;
      default:
        throw new IllegalStateException("unexpected " + r.peek() + " at " + r.getPath());
    }
  }

  private static boolean isString(JsonElement e) {
    return e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
  }

  private static boolean isNumber(JsonElement e) {
    return e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber();
  }

  private static String describe(JsonElement e) {
    if (e.isJsonNull()) {
      return "null";
    }
    if (e.isJsonObject()) {
      return "an object";
    }
    if (e.isJsonArray()) {
      return "an array";
    }
    JsonPrimitive p = e.getAsJsonPrimitive();
    if (p.isBoolean()) {
      return "the boolean " + p.getAsBoolean();
    }
    if (p.isNumber()) {
      return "the number " + p.getAsString();
    }
    String s = p.getAsString();
    return "the string \"" + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + "\"";
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  // ---- type checks at construction ----

  private static void checkSupported(Type type, String where, Set<Class<?>> visiting) {
    if (type instanceof ParameterizedType pt) {
      Class<?> raw = (Class<?>) pt.getRawType();
      Type[] args = pt.getActualTypeArguments();
      if (raw == Optional.class || raw == List.class) {
        checkSupported(args[0], where, visiting);
        return;
      }
      if (raw == Map.class) {
        if (args[0] != String.class) {
          throw unsupported(type, where, "map keys must be String");
        }
        checkSupported(args[1], where, visiting);
        return;
      }
      throw unsupported(type, where, null);
    }
    if (!(type instanceof Class<?> c)) {
      throw unsupported(type, where, "wildcards and type variables cannot be decoded");
    }
    if (c == String.class
        || c == boolean.class
        || c == Boolean.class
        || c == int.class
        || c == Integer.class
        || c == long.class
        || c == Long.class
        || c == double.class
        || c == Double.class
        || c == Quantity.class
        || c == Duration.class
        || c.isEnum()) {
      return;
    }
    if (c.isRecord()) {
      if (!visiting.add(c)) {
        return;
      }
      for (RecordComponent rc : c.getRecordComponents()) {
        checkSupported(rc.getGenericType(), c.getSimpleName() + "." + rc.getName(), visiting);
      }
      visiting.remove(c);
      return;
    }
    throw unsupported(type, where, null);
  }

  private static IllegalArgumentException unsupported(Type type, String where, String why) {
    return new IllegalArgumentException(
        "config component "
            + where
            + " has type "
            + type.getTypeName()
            + ", which cannot be decoded"
            + (why == null ? "" : " (" + why + ")")
            + "; use String, boolean, int, long, double, an enum, Quantity, Duration, a record,"
            + " or Optional/List/Map<String, ...> of these");
  }

  private static String typeName(Type t) {
    if (t instanceof ParameterizedType pt) {
      String args =
          java.util.Arrays.stream(pt.getActualTypeArguments())
              .map(OpaqueConfigDecoder::typeName)
              .collect(Collectors.joining(", "));
      return ((Class<?>) pt.getRawType()).getSimpleName() + "<" + args + ">";
    }
    return t instanceof Class<?> c ? c.getSimpleName() : t.getTypeName();
  }

  /** A decoding failure at a field path; turned into a {@link ConfigDecodingException}. */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String path;
    private String configType;

    Failure(String path, String message) {
      this(path, message, null);
    }

    Failure(String path, String message, Throwable cause) {
      super(message, cause, false, false);
      this.path = path;
    }
  }
}
