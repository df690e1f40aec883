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
import io.dra4j.testkit.fixtures.HostLayout;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a {@link io.dra4j.testkit.cluster.DraCluster}: one cluster per class,
 * started before the first test and closed after the last, injected into any test or lifecycle
 * method parameter of type {@code DraCluster}.
 *
 * <pre>{@code
 * @DraTest(providers = MyProvider.class)
 * class MyProviderTest {
 *   @Test
 *   void containerGetsTheDevice(DraCluster cluster) { ... }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(DraExtension.class)
public @interface DraTest {

  /** The drivers under test; empty means every provider registered with ServiceLoader. */
  Class<? extends DeviceProvider>[] providers() default {};

  /** How many nodes ({@code node-1}...). */
  int nodes() default 1;

  /** The node fixture's instance type, such as {@code trn2.48xlarge}; empty for no fixture. */
  String instanceType() default "";

  /**
   * The driver's own host fixture: a class-path directory with {@code sys/} (and optionally {@code
   * dev/}, {@code proc/}) below it, such as {@code fixtures/node} for {@code
   * src/test/resources/fixtures/node}, copied onto every node; empty for none.
   */
  String hostTree() default "";

  /**
   * Host layouts in code, applied to every node after {@link #instanceType} and {@link #hostTree}
   * in the order given: classes implementing {@link HostLayout} with a no-argument constructor
   * (they may be private nested classes of the test); empty for none.
   */
  Class<? extends HostLayout>[] fixture() default {};

  /** Driver settings as {@code key=value}, given to every driver. */
  String[] settings() default {};

  /** Whether the drivers give containers device metadata files; default off. */
  boolean deviceMetadata() default false;

  /** The Kubernetes release the cluster behaves as, e.g. {@code "1.36"}; default the newest. */
  String kubernetesVersion() default "";

  /**
   * Feature gates as {@code Name=true} or {@code Name=false}, e.g. {@code
   * DRAListTypeAttributes=true}.
   */
  String[] featureGates() default {};
}
