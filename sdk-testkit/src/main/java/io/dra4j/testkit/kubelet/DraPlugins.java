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
package io.dra4j.testkit.kubelet;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * The kubelet's DRA plugin handler: validates and keeps every registered instance per driver,
 * watches each instance's service connection, picks the newest connected instance for calls,
 * streams device health, and wipes a driver's ResourceSlices when none of its instances has been
 * connected for the wiping delay.
 */
final class DraPlugins implements AutoCloseable {

  /** The versions chosen for a plugin that passed validation. */
  record Choice(DraServiceVersion dra, Optional<HealthServiceVersion> health) {}

  /** One registered plugin instance with its own connection. */
  final class Instance {
    final String driver;
    final Path endpoint;
    final Path registrationSocket;
    final Choice choice;
    final Instant registeredAt;
    final long sequence;
    final ManagedChannel channel;
    final DraClient client;
    private volatile boolean wasReady;
    private volatile boolean closed;
    private HealthStream health;

    Instance(String driver, Path endpoint, Path registrationSocket, Choice choice) {
      this.driver = driver;
      this.endpoint = endpoint;
      this.registrationSocket = registrationSocket;
      this.choice = choice;
      this.registeredAt = clock.instant();
      this.sequence = sequences.incrementAndGet();
      this.channel = channels.open(endpoint);
      this.client = new DraClient(driver, choice.dra(), channel);
    }

    boolean connected() {
      return !closed && channel.getState(false) == ConnectivityState.READY;
    }

    PluginRegistration view() {
      return new PluginRegistration(
          driver,
          endpoint,
          registrationSocket,
          choice.dra(),
          choice.health(),
          registeredAt,
          connected());
    }

    private void watchConnection() {
      if (closed) {
        return;
      }
      // Like the kubelet's stats handler: whenever the connection ends, connect again.
      ConnectivityState state = channel.getState(true);
      if (state == ConnectivityState.READY && !wasReady) {
        wasReady = true;
        connectionUp(this);
      } else if (state != ConnectivityState.READY && wasReady) {
        wasReady = false;
        connectionDown(this, state);
      }
      if (state != ConnectivityState.SHUTDOWN) {
        channel.notifyWhenStateChanged(state, this::watchConnection);
      }
    }

    private void close() {
      closed = true;
      if (health != null) {
        health.stop();
      }
      channel.shutdownNow();
    }
  }

  private final UnixChannels channels;
  private final String nodeName;
  private final Clock clock;
  private final EventLog events;
  private final ScheduledExecutorService scheduler;
  private final BiConsumer<String, String> sliceWiper;
  private final Duration wipingDelay;
  private final HealthCache healthCache;
  private final Duration healthRetryDelay;
  private final AtomicLong sequences = new AtomicLong();
  private final Map<String, List<Instance>> instances = new HashMap<>();
  private final Map<String, ScheduledFuture<?>> pendingWipes = new HashMap<>();
  // Drivers whose slices were wiped; they are not wiped again until an instance is back.
  private final Set<String> wiped = new HashSet<>();

  DraPlugins(
      UnixChannels channels,
      String nodeName,
      Clock clock,
      EventLog events,
      ScheduledExecutorService scheduler,
      BiConsumer<String, String> sliceWiper,
      Duration wipingDelay,
      HealthCache healthCache,
      Duration healthRetryDelay) {
    this.channels = channels;
    this.nodeName = nodeName;
    this.clock = clock;
    this.events = events;
    this.scheduler = scheduler;
    this.sliceWiper = sliceWiper;
    this.wipingDelay = wipingDelay;
    this.healthCache = healthCache;
    this.healthRetryDelay = healthRetryDelay;
  }

  /**
   * The kubelet's ValidatePlugin: picks the DRA service version by walking the plugin's list in the
   * plugin's order, prefers the v1 health service, and rejects a second registration of an
   * endpoint.
   *
   * @throws IllegalArgumentException with the reason the plugin is rejected
   */
  synchronized Choice validate(String driver, Path endpoint, List<String> supportedVersions) {
    if (driver.isEmpty()) {
      throw new IllegalArgumentException("the plugin reported an empty driver name in GetInfo");
    }
    if (supportedVersions.isEmpty()) {
      throw new IllegalArgumentException(
          "empty list for supported versions; advertise "
              + DraServiceVersion.V1.advertised()
              + " and/or "
              + DraServiceVersion.V1BETA1.advertised());
    }
    Optional<DraServiceVersion> dra = Optional.empty();
    for (String advertised : supportedVersions) {
      dra = DraServiceVersion.of(advertised);
      if (dra.isPresent()) {
        break;
      }
    }
    if (dra.isEmpty()) {
      throw new IllegalArgumentException(
          "none of the versions "
              + supportedVersions
              + " are supported; the kubelet supports "
              + DraServiceVersion.V1.advertised()
              + " and "
              + DraServiceVersion.V1BETA1.advertised());
    }
    Optional<HealthServiceVersion> health = Optional.empty();
    for (HealthServiceVersion candidate : HealthServiceVersion.values()) {
      if (supportedVersions.contains(candidate.advertised())) {
        health = Optional.of(candidate);
        break;
      }
    }
    for (Instance existing : instances.getOrDefault(driver, List.of())) {
      if (existing.endpoint.equals(endpoint)) {
        throw new IllegalArgumentException(
            "DRA plugin "
                + driver
                + " with endpoint "
                + endpoint
                + " is already registered (through "
                + existing.registrationSocket
                + "); each instance needs its own service socket");
      }
    }
    return new Choice(dra.get(), health);
  }

  Instance register(String driver, Path endpoint, Path registrationSocket, Choice choice) {
    Instance instance;
    synchronized (this) {
      instance = new Instance(driver, endpoint, registrationSocket, choice);
      instances.computeIfAbsent(driver, d -> new ArrayList<>()).add(instance);
      cancelWipe(driver);
      if (choice.health().isPresent()) {
        instance.health =
            new HealthStream(
                driver,
                choice.health().get(),
                instance.channel,
                healthCache,
                events,
                scheduler,
                healthRetryDelay,
                clock);
      }
    }
    instance.watchConnection();
    if (instance.health != null) {
      instance.health.start();
    }
    return instance;
  }

  void deregister(String driver, Path endpoint) {
    Instance removed = null;
    synchronized (this) {
      List<Instance> list = instances.getOrDefault(driver, new ArrayList<>());
      for (Instance i : list) {
        if (i.endpoint.equals(endpoint)) {
          removed = i;
        }
      }
      if (removed == null) {
        return;
      }
      list.remove(removed);
      if (list.isEmpty()) {
        instances.remove(driver);
      }
      removed.close();
      if (list.stream().noneMatch(Instance::connected)) {
        scheduleWipe(
            driver, list.isEmpty() ? "no instance is registered" : "no instance is connected");
      }
    }
  }

  /** The instance calls go to: the newest connected one, else the newest one. */
  synchronized Optional<Instance> pick(String driver) {
    List<Instance> list = instances.getOrDefault(driver, List.of());
    Comparator<Instance> newest = Comparator.comparingLong(i -> i.sequence);
    Optional<Instance> connected = list.stream().filter(Instance::connected).max(newest);
    return connected.isPresent() ? connected : list.stream().max(newest);
  }

  synchronized Set<String> drivers() {
    return new TreeSet<>(instances.keySet());
  }

  synchronized List<PluginRegistration> registrations(String driver) {
    return instances.getOrDefault(driver, List.of()).stream().map(Instance::view).toList();
  }

  private void connectionUp(Instance instance) {
    synchronized (this) {
      cancelWipe(instance.driver);
    }
    events.record(instance.driver, "connected to " + instance.endpoint);
  }

  private void connectionDown(Instance instance, ConnectivityState state) {
    events.record(instance.driver, "connection to " + instance.endpoint + " lost (" + state + ")");
    synchronized (this) {
      List<Instance> list = instances.getOrDefault(instance.driver, List.of());
      if (list.contains(instance) && list.stream().noneMatch(Instance::connected)) {
        scheduleWipe(instance.driver, "no instance is connected");
      }
    }
  }

  private void scheduleWipe(String driver, String why) {
    if (pendingWipes.containsKey(driver) || wiped.contains(driver)) {
      return;
    }
    events.record(
        driver,
        why
            + "; ResourceSlices will be wiped in "
            + wipingDelay.toMillis()
            + " ms unless it comes back");
    pendingWipes.put(
        driver,
        scheduler.schedule(() -> wipe(driver), wipingDelay.toMillis(), TimeUnit.MILLISECONDS));
  }

  private void cancelWipe(String driver) {
    wiped.remove(driver);
    ScheduledFuture<?> pending = pendingWipes.remove(driver);
    if (pending != null) {
      pending.cancel(false);
      events.record(driver, "slice wiping cancelled: the driver is back");
    }
  }

  private void wipe(String driver) {
    synchronized (this) {
      pendingWipes.remove(driver);
      if (instances.getOrDefault(driver, List.of()).stream().anyMatch(Instance::connected)) {
        return;
      }
      wiped.add(driver);
    }
    try {
      sliceWiper.accept(driver, nodeName);
      events.record(
          driver,
          "wiped the ResourceSlices of node "
              + nodeName
              + " after "
              + wipingDelay.toMillis()
              + " ms without a connected instance");
    } catch (RuntimeException e) {
      events.record(driver, "wiping the ResourceSlices of node " + nodeName + " failed: " + e);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      pendingWipes.values().forEach(f -> f.cancel(false));
      pendingWipes.clear();
      instances.values().forEach(list -> list.forEach(Instance::close));
      instances.clear();
    }
  }
}
