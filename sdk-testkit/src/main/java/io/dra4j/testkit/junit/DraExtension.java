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
package io.dra4j.testkit.junit;

import io.dra4j.api.DeviceProvider;
import io.dra4j.testkit.cluster.DraCluster;
import io.dra4j.testkit.fixtures.HostLayout;
import io.dra4j.testkit.fixtures.HostTree;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JUnit 5 extension behind {@link DraTest}, also usable programmatically:
 *
 * <pre>{@code
 * @RegisterExtension
 * static DraExtension dra = DraExtension.builder().provider(MyProvider::new).nodes(1).build();
 * }</pre>
 *
 * <p>One {@link DraCluster} per test class: started in {@code beforeAll} (or before the first test
 * when registered on an instance field), closed in {@code afterAll}, and injected into parameters
 * of type {@code DraCluster}. The time from start to every driver published is logged.
 */
public final class DraExtension
    implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {
  private static final Logger LOG = LoggerFactory.getLogger(DraExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DraExtension.class);

  private final Optional<DraCluster.Builder> programmatic;
  private volatile DraCluster cluster;

  /** The {@link DraTest} form: configured from the annotation on the test class. */
  public DraExtension() {
    this.programmatic = Optional.empty();
  }

  private DraExtension(DraCluster.Builder cluster) {
    this.programmatic = Optional.of(cluster);
  }

  /** Starts configuring an extension for {@code @RegisterExtension}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The cluster of the running test class.
   *
   * @throws IllegalStateException before the extension started it
   */
  public DraCluster cluster() {
    DraCluster c = cluster;
    if (c == null) {
      throw new IllegalStateException(
          "the DRA cluster is not started yet: use it in a test or a @BeforeEach method");
    }
    return c;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    clusterFor(context);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    clusterFor(context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    DraCluster c = classStore(context).remove(storeKey(), DraCluster.class);
    if (c != null) {
      c.close();
    }
    cluster = null;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DraCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return clusterFor(context);
  }

  private DraCluster clusterFor(ExtensionContext context) {
    DraCluster c =
        classStore(context).computeIfAbsent(storeKey(), k -> start(context), DraCluster.class);
    cluster = c;
    return c;
  }

  /**
   * One cluster per test class: an extension on an instance field is created again for every test
   * instance, so the key names the form of registration, not the extension object.
   */
  private String storeKey() {
    return programmatic.isPresent() ? "cluster-registered" : "cluster-annotated";
  }

  private static ExtensionContext.Store classStore(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c.getStore(NAMESPACE);
  }

  private DraCluster start(ExtensionContext context) {
    DraCluster.Builder config = programmatic.orElseGet(() -> fromAnnotation(context));
    long t0 = System.nanoTime();
    DraCluster started = config.start();
    LOG.info(
        "DRA cluster for {} ready in {} ms (drivers {}, {} node(s))",
        context.getRequiredTestClass().getSimpleName(),
        (System.nanoTime() - t0) / 1_000_000,
        started.drivers(),
        started.nodes().size());
    return started;
  }

  private static DraCluster.Builder fromAnnotation(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    DraTest annotation =
        AnnotationSupport.findAnnotation(testClass, DraTest.class)
            .or(
                () ->
                    context
                        .getParent()
                        .flatMap(ExtensionContext::getTestClass)
                        .flatMap(c -> AnnotationSupport.findAnnotation(c, DraTest.class)))
            .orElseThrow(
                () ->
                    new ExtensionConfigurationException(
                        testClass.getName()
                            + " uses DraExtension without @DraTest: annotate the class with"
                            + " @DraTest(...) or register DraExtension.builder()...build() with"
                            + " @RegisterExtension"));
    DraCluster.Builder b = DraCluster.builder().nodes(annotation.nodes());
    for (Class<? extends DeviceProvider> p : annotation.providers()) {
      b.provider(p);
    }
    if (!annotation.instanceType().isEmpty()) {
      b.instanceType(annotation.instanceType());
    }
    if (!annotation.hostTree().isEmpty()) {
      try {
        b.hostTree(HostTree.resource(testClass.getClassLoader(), annotation.hostTree()));
      } catch (IllegalArgumentException e) {
        throw new ExtensionConfigurationException(
            "@DraTest hostTree of " + testClass.getName() + ": " + e.getMessage(), e);
      }
    }
    for (Class<? extends HostLayout> layout : annotation.fixture()) {
      b.hostTree(HostLayouts.instantiate(layout, testClass));
    }
    for (String s : annotation.settings()) {
      int eq = s.indexOf('=');
      if (eq < 1) {
        throw new ExtensionConfigurationException(
            "@DraTest setting '" + s + "' of " + testClass.getName() + " must be key=value");
      }
      b.setting(s.substring(0, eq), s.substring(eq + 1));
    }
    b.deviceMetadata(annotation.deviceMetadata());
    try {
      if (!annotation.kubernetesVersion().isEmpty()) {
        b.kubernetesVersion(annotation.kubernetesVersion());
      }
      for (String g : annotation.featureGates()) {
        String[] kv = g.split("=", 2);
        if (kv.length != 2 || !(kv[1].equals("true") || kv[1].equals("false"))) {
          throw new IllegalArgumentException(
              "feature gate '" + g + "' must be Name=true or Name=false");
        }
        b.featureGate(kv[0], Boolean.parseBoolean(kv[1]));
      }
    } catch (IllegalArgumentException e) {
      throw new ExtensionConfigurationException(
          "@DraTest of " + testClass.getName() + ": " + e.getMessage(), e);
    }
    return b;
  }

  /** Configures a {@link DraExtension}; see {@link DraCluster.Builder} for the meaning. */
  public static final class Builder {
    private final DraCluster.Builder cluster = DraCluster.builder();

    private Builder() {}

    /** A driver under test; the factory is called once per node. */
    public Builder provider(Supplier<? extends DeviceProvider> factory) {
      cluster.provider(factory);
      return this;
    }

    /** A driver under test, instantiated with its public no-argument constructor. */
    public Builder provider(Class<? extends DeviceProvider> type) {
      cluster.provider(type);
      return this;
    }

    /** How many nodes; default 1. */
    public Builder nodes(int count) {
      cluster.nodes(count);
      return this;
    }

    /** The node fixture's instance type. */
    public Builder instanceType(String instanceType) {
      cluster.instanceType(instanceType);
      return this;
    }

    /** A host layout for every node: a {@link HostTree} directory or code. */
    public Builder hostTree(HostLayout layout) {
      cluster.hostTree(layout);
      return this;
    }

    /** A driver setting given to every driver. */
    public Builder setting(String key, String value) {
      cluster.setting(key, value);
      return this;
    }

    /** Whether the drivers give containers device metadata files. */
    public Builder deviceMetadata(boolean enabled) {
      cluster.deviceMetadata(enabled);
      return this;
    }

    /** The Kubernetes release the cluster behaves as, e.g. {@code "1.36"}. */
    public Builder kubernetesVersion(String version) {
      cluster.kubernetesVersion(version);
      return this;
    }

    /** Turns a feature gate on or off, e.g. {@code DRAListTypeAttributes}. */
    public Builder featureGate(String gate, boolean enabled) {
      cluster.featureGate(gate, enabled);
      return this;
    }

    public DraExtension build() {
      return new DraExtension(cluster);
    }
  }
}
