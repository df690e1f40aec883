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
package io.dra4j.testkit.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.MapType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.extensions.CelExtensions;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1DeviceAttribute;
import io.kubernetes.client.openapi.models.V1DeviceCapacity;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CEL environment Kubernetes gives DRA selectors: a {@code device} variable with {@code
 * driver}, {@code attributes[domain][id]}, {@code capacity[domain][id]} and {@code
 * allowMultipleAllocations}; the {@code quantity} and {@code semver} libraries; the strings, sets,
 * lists, optional and {@code cel.bind} extensions. Programs are compiled once and cached by
 * expression; instances are thread-safe.
 *
 * <p>CEL-Java has no cost estimator, so the Kubernetes cost budget (1e6) is approximated by a bound
 * on comprehension iterations ({@link #MAX_COMPREHENSION_ITERATIONS}).
 */
public final class DeviceCel {

  /** Iteration bound per comprehension, the runtime guard this CEL library offers. */
  public static final int MAX_COMPREHENSION_ITERATIONS = 100_000;

  /** Longest expression the API accepts (10 KiB). */
  public static final int MAX_EXPRESSION_LENGTH = 10 * 1024;

  private static final OpaqueType QUANTITY = OpaqueType.create("kubernetes.Quantity");
  private static final OpaqueType SEMVER = OpaqueType.create("kubernetes.Semver");
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  /** The feature gate of list attributes and {@code includes()} (Kubernetes 1.36+, alpha). */
  public static final String LIST_TYPE_ATTRIBUTES_GATE = "DRAListTypeAttributes";

  private final Cel cel;
  private final boolean listTypeAttributes;
  private final Map<String, DeviceSelector> cache = new ConcurrentHashMap<>();

  private DeviceCel(boolean listTypeAttributes) {
    this.listTypeAttributes = listTypeAttributes;
    CelOptions options =
        CelOptions.current()
            .comprehensionMaxIterations(MAX_COMPREHENSION_ITERATIONS)
            .enableHeterogeneousNumericComparisons(true)
            .build();
    this.cel =
        CelFactory.standardCelBuilder()
            .setOptions(options)
            .setStandardMacros(dev.cel.parser.CelStandardMacro.STANDARD_MACROS)
            .addVar("device", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addCompilerLibraries(
                CelExtensions.strings(),
                CelExtensions.sets(options),
                CelExtensions.lists(),
                CelExtensions.bindings(),
                CelExtensions.optional())
            .addRuntimeLibraries(
                CelExtensions.strings(),
                CelExtensions.sets(options),
                CelExtensions.lists(),
                CelExtensions.optional())
            .addFunctionDeclarations(declarations())
            .addFunctionDeclarations(
                listTypeAttributes ? List.of(includesDeclaration()) : List.of())
            .addFunctionBindings(bindings())
            .addFunctionBindings(listTypeAttributes ? List.of(includesBinding()) : List.of())
            .build();
  }

  /**
   * A new environment with an empty program cache and list attributes on (a cluster of Kubernetes
   * 1.36+ with the {@value #LIST_TYPE_ATTRIBUTES_GATE} feature gate).
   */
  public static DeviceCel create() {
    return new DeviceCel(true);
  }

  /**
   * A new environment with an empty program cache.
   *
   * @param listTypeAttributes whether list attributes are visible and {@code includes()} exists, as
   *     on Kubernetes 1.36+ with the {@value #LIST_TYPE_ATTRIBUTES_GATE} feature gate on
   */
  public static DeviceCel create(boolean listTypeAttributes) {
    return new DeviceCel(listTypeAttributes);
  }

  /** Whether list attributes are visible to selectors and constraints. */
  public boolean listTypeAttributes() {
    return listTypeAttributes;
  }

  /**
   * {@code x.includes(v)}: {@code v} is in list attribute {@code x}, or equals scalar {@code x}.
   */
  private static CelFunctionDecl includesDeclaration() {
    return fn(
        "includes", member("dyn_includes_dyn", SimpleType.BOOL, SimpleType.DYN, SimpleType.DYN));
  }

  private static CelFunctionBinding includesBinding() {
    return CelFunctionBinding.from(
        "dyn_includes_dyn",
        Object.class,
        Object.class,
        (attribute, value) -> {
          if (attribute instanceof List<?> list) {
            return list.stream().anyMatch(e -> sameValue(e, value));
          }
          return sameValue(attribute, value);
        });
  }

  private static boolean sameValue(Object a, Object b) {
    if (a instanceof Semver x && b instanceof Semver y) {
      return x.compareTo(y) == 0;
    }
    return a.equals(b);
  }

  /**
   * Compiles (or returns the cached program for) {@code expression}.
   *
   * @throws SelectorCompileException when it does not compile or does not return bool
   */
  public DeviceSelector compile(String expression) {
    DeviceSelector cached = cache.get(expression);
    if (cached != null) {
      return cached;
    }
    DeviceSelector compiled = doCompile(expression);
    cache.putIfAbsent(expression, compiled);
    return compiled;
  }

  /** Number of distinct expressions compiled so far. */
  public int cachedPrograms() {
    return cache.size();
  }

  private DeviceSelector doCompile(String expression) {
    if (expression.length() > MAX_EXPRESSION_LENGTH) {
      throw new SelectorCompileException(
          expression, "longer than " + MAX_EXPRESSION_LENGTH + " characters");
    }
    CelAbstractSyntaxTree ast;
    try {
      ast = cel.compile(expression).getAst();
    } catch (CelValidationException e) {
      String hint =
          !listTypeAttributes && expression.contains(".includes(")
              ? "; includes() needs Kubernetes 1.36 or later with the "
                  + LIST_TYPE_ATTRIBUTES_GATE
                  + " feature gate on"
              : "";
      throw new SelectorCompileException(expression, e.getMessage() + hint);
    }
    if (!ast.getResultType().equals(SimpleType.BOOL)
        && !ast.getResultType().equals(SimpleType.DYN)) {
      throw new SelectorCompileException(
          expression, "must return bool, returns " + ast.getResultType().name());
    }
    try {
      return new DeviceSelector(expression, cel.createProgram(ast));
    } catch (CelEvaluationException e) {
      throw new SelectorCompileException(expression, e.getMessage());
    }
  }

  /**
   * The value of the {@code device} variable for one device. Unqualified attribute and capacity
   * names belong to the driver's domain; versions become {@link Semver}, capacities {@link
   * Quantity}.
   */
  public static Map<String, Object> deviceVariable(
      String driver,
      Map<String, V1DeviceAttribute> attributes,
      Map<String, V1DeviceCapacity> capacity,
      boolean allowMultipleAllocations) {
    return deviceVariable(driver, attributes, capacity, allowMultipleAllocations, true);
  }

  /**
   * The value of the {@code device} variable for one device; list attributes are left out when
   * {@code listTypeAttributes} is off, as a cluster without the feature gate never stores them.
   */
  public static Map<String, Object> deviceVariable(
      String driver,
      Map<String, V1DeviceAttribute> attributes,
      Map<String, V1DeviceCapacity> capacity,
      boolean allowMultipleAllocations,
      boolean listTypeAttributes) {
    Map<String, Map<String, Object>> attrs = new LinkedHashMap<>();
    attributes.forEach(
        (key, value) -> {
          Object raw = attributeValue(value);
          Object v = raw instanceof List<?> && !listTypeAttributes ? null : raw;
          if (v != null) {
            attrs.computeIfAbsent(domain(driver, key), d -> new LinkedHashMap<>()).put(id(key), v);
          }
        });
    Map<String, Map<String, Object>> caps = new LinkedHashMap<>();
    capacity.forEach(
        (key, value) -> {
          if (value != null && value.getValue() != null) {
            caps.computeIfAbsent(domain(driver, key), d -> new LinkedHashMap<>())
                .put(id(key), value.getValue());
          }
        });
    Map<String, Object> device = new LinkedHashMap<>();
    device.put("driver", driver);
    device.put("attributes", new EmptyDefaultMap(attrs));
    device.put("capacity", new EmptyDefaultMap(caps));
    device.put("allowMultipleAllocations", allowMultipleAllocations);
    return Collections.unmodifiableMap(device);
  }

  /** The domain of a possibly unqualified attribute name. */
  public static String domain(String driver, String name) {
    int slash = name.indexOf('/');
    return slash < 0 ? driver : name.substring(0, slash);
  }

  /** The identifier part of a possibly qualified attribute name. */
  public static String id(String name) {
    int slash = name.indexOf('/');
    return slash < 0 ? name : name.substring(slash + 1);
  }

  /** The CEL value of an attribute: Long, Boolean, String, {@link Semver} or a list of them. */
  public static Object attributeValue(V1DeviceAttribute a) {
    if (a == null) {
      return null;
    }
    if (a.getInt() != null) {
      return a.getInt();
    }
    if (a.getBool() != null) {
      return a.getBool();
    }
    if (a.getString() != null) {
      return a.getString();
    }
    if (a.getVersion() != null) {
      return Semver.isValid(a.getVersion()) ? Semver.parse(a.getVersion()) : a.getVersion();
    }
    if (a.getInts() != null && !a.getInts().isEmpty()) {
      return List.copyOf(a.getInts());
    }
    if (a.getBools() != null && !a.getBools().isEmpty()) {
      return List.copyOf(a.getBools());
    }
    if (a.getStrings() != null && !a.getStrings().isEmpty()) {
      return List.copyOf(a.getStrings());
    }
    if (a.getVersions() != null && !a.getVersions().isEmpty()) {
      return a.getVersions().stream()
          .map(v -> Semver.isValid(v) ? (Object) Semver.parse(v) : v)
          .toList();
    }
    return null;
  }

  private static List<CelFunctionDecl> declarations() {
    dev.cel.common.types.CelType s = SimpleType.STRING;
    dev.cel.common.types.CelType i = SimpleType.INT;
    dev.cel.common.types.CelType b = SimpleType.BOOL;
    return List.of(
        fn("quantity", CelOverloadDecl.newGlobalOverload("string_to_quantity", QUANTITY, s)),
        fn("isQuantity", CelOverloadDecl.newGlobalOverload("is_quantity_string", b, s)),
        fn("sign", member("quantity_sign", i, QUANTITY)),
        fn(
            "compareTo",
            member("quantity_compareTo_quantity", i, QUANTITY, QUANTITY),
            member("semver_compareTo_semver", i, SEMVER, SEMVER)),
        fn(
            "isGreaterThan",
            member("quantity_isGreaterThan_quantity", b, QUANTITY, QUANTITY),
            member("semver_isGreaterThan_semver", b, SEMVER, SEMVER)),
        fn(
            "isLessThan",
            member("quantity_isLessThan_quantity", b, QUANTITY, QUANTITY),
            member("semver_isLessThan_semver", b, SEMVER, SEMVER)),
        fn(
            "add",
            member("quantity_add_quantity", QUANTITY, QUANTITY, QUANTITY),
            member("quantity_add_int", QUANTITY, QUANTITY, i)),
        fn(
            "sub",
            member("quantity_sub_quantity", QUANTITY, QUANTITY, QUANTITY),
            member("quantity_sub_int", QUANTITY, QUANTITY, i)),
        fn("asInteger", member("quantity_asInteger", i, QUANTITY)),
        fn("isInteger", member("quantity_isInteger", b, QUANTITY)),
        fn(
            "asApproximateFloat",
            member("quantity_asApproximateFloat", SimpleType.DOUBLE, QUANTITY)),
        fn("semver", CelOverloadDecl.newGlobalOverload("string_to_semver", SEMVER, s)),
        fn("isSemver", CelOverloadDecl.newGlobalOverload("is_semver_string", b, s)),
        fn("major", member("semver_major", i, SEMVER)),
        fn("minor", member("semver_minor", i, SEMVER)),
        fn("patch", member("semver_patch", i, SEMVER)));
  }

  private static CelFunctionDecl fn(String name, CelOverloadDecl... overloads) {
    return CelFunctionDecl.newFunctionDeclaration(name, overloads);
  }

  private static CelOverloadDecl member(
      String id, dev.cel.common.types.CelType result, dev.cel.common.types.CelType... args) {
    return CelOverloadDecl.newMemberOverload(id, result, args);
  }

  private static List<CelFunctionBinding> bindings() {
    Class<Quantity> q = Quantity.class;
    Class<Semver> v = Semver.class;
    return List.of(
        CelFunctionBinding.from("string_to_quantity", String.class, DeviceCel::parseQuantity),
        CelFunctionBinding.from(
            "is_quantity_string", String.class, text -> tryParseQuantity(text) != null),
        CelFunctionBinding.from("quantity_sign", q, a -> (long) a.getNumber().signum()),
        CelFunctionBinding.from(
            "quantity_compareTo_quantity",
            q,
            q,
            (a, b) -> (long) a.getNumber().compareTo(b.getNumber())),
        CelFunctionBinding.from(
            "quantity_isGreaterThan_quantity",
            q,
            q,
            (a, b) -> a.getNumber().compareTo(b.getNumber()) > 0),
        CelFunctionBinding.from(
            "quantity_isLessThan_quantity",
            q,
            q,
            (a, b) -> a.getNumber().compareTo(b.getNumber()) < 0),
        CelFunctionBinding.from(
            "quantity_add_quantity",
            q,
            q,
            (a, b) -> new Quantity(a.getNumber().add(b.getNumber()), a.getFormat())),
        CelFunctionBinding.from(
            "quantity_add_int",
            q,
            Long.class,
            (a, b) -> new Quantity(a.getNumber().add(BigDecimal.valueOf(b)), a.getFormat())),
        CelFunctionBinding.from(
            "quantity_sub_quantity",
            q,
            q,
            (a, b) -> new Quantity(a.getNumber().subtract(b.getNumber()), a.getFormat())),
        CelFunctionBinding.from(
            "quantity_sub_int",
            q,
            Long.class,
            (a, b) -> new Quantity(a.getNumber().subtract(BigDecimal.valueOf(b)), a.getFormat())),
        CelFunctionBinding.from("quantity_asInteger", q, DeviceCel::asInteger),
        CelFunctionBinding.from("quantity_isInteger", q, DeviceCel::isInteger),
        CelFunctionBinding.from("quantity_asApproximateFloat", q, a -> a.getNumber().doubleValue()),
        CelFunctionBinding.from("string_to_semver", String.class, DeviceCel::parseSemver),
        CelFunctionBinding.from("is_semver_string", String.class, Semver::isValid),
        CelFunctionBinding.from(
            "semver_compareTo_semver", v, v, (a, b) -> (long) Integer.signum(a.compareTo(b))),
        CelFunctionBinding.from("semver_isGreaterThan_semver", v, v, (a, b) -> a.compareTo(b) > 0),
        CelFunctionBinding.from("semver_isLessThan_semver", v, v, (a, b) -> a.compareTo(b) < 0),
        CelFunctionBinding.from("semver_major", v, Semver::major),
        CelFunctionBinding.from("semver_minor", v, Semver::minor),
        CelFunctionBinding.from("semver_patch", v, Semver::patch));
  }

  private static Quantity tryParseQuantity(String text) {
    try {
      return new Quantity(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Quantity parseQuantity(String text) throws CelEvaluationException {
    Quantity q = tryParseQuantity(text);
    if (q == null) {
      throw new CelEvaluationException("quantity(\"" + text + "\"): invalid quantity");
    }
    return q;
  }

  private static Semver parseSemver(String text) throws CelEvaluationException {
    try {
      return Semver.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CelEvaluationException(e.getMessage());
    }
  }

  private static boolean isInteger(Quantity q) {
    BigDecimal n = q.getNumber();
    return n.signum() == 0
        || (n.stripTrailingZeros().scale() <= 0
            && n.compareTo(LONG_MIN) >= 0
            && n.compareTo(LONG_MAX) <= 0);
  }

  private static Long asInteger(Quantity q) throws CelEvaluationException {
    if (!isInteger(q)) {
      throw new CelEvaluationException(
          "cannot convert quantity " + q.toSuffixedString() + " to an int64 integer");
    }
    return q.getNumber().longValueExact();
  }

  /**
   * The {@code attributes}/{@code capacity} maps: an unknown domain reads as an empty map, so only
   * the identifier lookup fails, as in Kubernetes.
   */
  private static final class EmptyDefaultMap extends java.util.AbstractMap<String, Object> {
    private final Map<String, Map<String, Object>> delegate;

    EmptyDefaultMap(Map<String, Map<String, Object>> delegate) {
      this.delegate = delegate;
    }

    @Override
    public Object get(Object key) {
      Map<String, Object> m = delegate.get(key);
      return m == null ? Map.of() : Collections.unmodifiableMap(m);
    }

    @Override
    public boolean containsKey(Object key) {
      return true;
    }

    @Override
    public java.util.Set<Entry<String, Object>> entrySet() {
      Map<String, Object> copy = new LinkedHashMap<>();
      delegate.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(v)));
      return Collections.unmodifiableMap(copy).entrySet();
    }
  }
}
