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
package io.dra4j.runtime;

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.health.HealthCheck;
import io.dra4j.api.prepare.AllocatedDevice;
import io.dra4j.api.prepare.ContainerEdits;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareException;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.prepare.PreparedClaim;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider with devices {@code dev-0 .. dev-n} in pool {@code pool-a}. Claim names steer its
 * behaviour: {@code throws-*} fails, {@code hangs-*} blocks until interrupted, {@code buggy-*}
 * leaves a device out, {@code slow-*} waits for {@link #release}, anything else succeeds.
 */
public class TestProvider implements DeviceProvider {
  public static final String DRIVER = "gpu.example.com";

  private final String driver;
  private final int devices;
  private final Optional<HealthCheck> health;
  private final Map<String, AtomicInteger> prepares = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> unprepares = new ConcurrentHashMap<>();
  private final List<PreparedClaim> unprepared = new java.util.concurrent.CopyOnWriteArrayList<>();
  public final CountDownLatch slowStarted = new CountDownLatch(1);
  public final CountDownLatch release = new CountDownLatch(1);
  public final AtomicInteger slowEntered = new AtomicInteger();
  public volatile boolean failUnprepare;
  public volatile boolean closed;
  public volatile DriverContext context;

  public TestProvider() {
    this(DRIVER, 4, Optional.empty());
  }

  public TestProvider(String driver, int devices, Optional<HealthCheck> health) {
    this.driver = driver;
    this.devices = devices;
    this.health = health;
  }

  @Override
  public String driverName() {
    return driver;
  }

  @Override
  public void start(DriverContext context) {
    this.context = context;
    String warning = context.settings().get("warn");
    if (warning != null) {
      context.logger().log(System.Logger.Level.WARNING, "asked to warn: {0}", warning);
    }
    Pool.Builder pool = Pool.builder("pool-a");
    for (int i = 0; i < devices; i++) {
      pool.device(Device.builder("dev-" + i).build());
    }
    context.publish(Resources.of(pool.build()));
  }

  @Override
  public Preparation prepare(PrepareRequest request) throws PrepareException {
    String name = request.claim().name();
    prepares.computeIfAbsent(request.claim().uid(), k -> new AtomicInteger()).incrementAndGet();
    if (name.startsWith("throws-")) {
      throw new PrepareException("device of claim " + request.claim() + " is broken: replace it");
    }
    if (name.startsWith("hangs-")) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PrepareException("interrupted");
      }
    }
    if (name.startsWith("slow-")) {
      slowEntered.incrementAndGet();
      slowStarted.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PrepareException("interrupted");
      }
    }
    Preparation.Builder out = Preparation.builder();
    List<AllocatedDevice> allocated = request.devices();
    int count = name.startsWith("buggy-") ? allocated.size() - 1 : allocated.size();
    for (int i = 0; i < count; i++) {
      AllocatedDevice d = allocated.get(i);
      out.device(d, ContainerEdits.builder().env("VISIBLE_DEVICE", d.device()).build());
    }
    return out.build();
  }

  @Override
  public void unprepare(PreparedClaim claim) throws PrepareException {
    unprepares.computeIfAbsent(claim.claim().uid(), k -> new AtomicInteger()).incrementAndGet();
    if (failUnprepare) {
      throw new PrepareException("cannot reset devices of claim " + claim.claim());
    }
    unprepared.add(claim);
  }

  @Override
  public Optional<HealthCheck> healthCheck() {
    return health;
  }

  @Override
  public void close() {
    closed = true;
  }

  public int prepareCalls(String uid) {
    AtomicInteger n = prepares.get(uid);
    return n == null ? 0 : n.get();
  }

  public int unprepareCalls(String uid) {
    AtomicInteger n = unprepares.get(uid);
    return n == null ? 0 : n.get();
  }

  public List<PreparedClaim> unprepared() {
    return List.copyOf(unprepared);
  }
}
