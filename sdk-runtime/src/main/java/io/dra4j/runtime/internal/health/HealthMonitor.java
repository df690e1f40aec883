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
package io.dra4j.runtime.internal.health;

import io.dra4j.api.health.DeviceHealth;
import io.dra4j.api.health.HealthCheck;
import io.dra4j.api.health.HealthStatus;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a {@link HealthCheck} at its interval on a scheduler thread and feeds kubelet health
 * streams. Each stream gets the complete device list when it opens, whenever the list changes and
 * at least every re-send interval, so the kubelet never marks a device stale. A check that throws
 * turns every known device {@link HealthStatus#UNKNOWN} with the error as the message. A stream
 * that opens before {@link #start()} (the kubelet may register the driver while its provider still
 * starts) receives nothing until the first check has run.
 */
public final class HealthMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

  /** The timeout the kubelet applies to each device report; re-sends happen at half of it. */
  public static final Duration KUBELET_TIMEOUT = Duration.ofSeconds(30);

  private final String driver;
  private final HealthCheck check;
  private final ScheduledExecutorService scheduler;
  private final Duration resendInterval;
  private final Clock clock;
  private final Set<Stream<?>> streams = new CopyOnWriteArraySet<>();
  private volatile Snapshot snapshot;
  private volatile ScheduledFuture<?> polling;
  private boolean started; // guarded by streams
  private boolean closed; // guarded by streams

  /** A device list and when it was taken. */
  record Snapshot(List<DeviceHealth> devices, long epochSeconds) {}

  /**
   * @param driver the driver name, for logs
   * @param check the provider's check
   * @param scheduler runs the polls and re-sends; owned by the caller
   * @param resendInterval the longest time between two messages on a stream
   * @param clock gives the report timestamps
   */
  public HealthMonitor(
      String driver,
      HealthCheck check,
      ScheduledExecutorService scheduler,
      Duration resendInterval,
      Clock clock) {
    this.driver = driver;
    this.check = Objects.requireNonNull(check, "check");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.resendInterval = Objects.requireNonNull(resendInterval, "resendInterval");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.snapshot = new Snapshot(List.of(), clock.instant().getEpochSecond());
  }

  /**
   * Runs the first check now, schedules the next ones and starts feeding the streams that opened
   * before.
   */
  public void start() {
    poll();
    long interval = Math.max(1, check.interval().toMillis());
    polling =
        scheduler.scheduleWithFixedDelay(this::poll, interval, interval, TimeUnit.MILLISECONDS);
    synchronized (streams) {
      started = true;
    }
    streams.forEach(Stream::open);
  }

  /** The latest device list. */
  public List<DeviceHealth> current() {
    return snapshot.devices();
  }

  /**
   * Runs the check now, on the polling thread after any poll in progress, instead of waiting for
   * its interval; the streams get the list when it changed, as after a scheduled poll. The next
   * scheduled poll keeps its time. Must not be called on the polling thread.
   *
   * @return the device list after this poll
   * @throws IllegalStateException when the monitor is closed or the caller is interrupted
   */
  public List<DeviceHealth> pollNow() {
    Future<?> done;
    synchronized (streams) {
      if (closed) {
        throw new IllegalStateException("the health check of driver " + driver + " is stopped");
      }
      try {
        done = scheduler.submit(this::poll);
      } catch (RejectedExecutionException e) {
        throw new IllegalStateException("the health check of driver " + driver + " is stopped", e);
      }
    }
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while polling the health check of driver " + driver, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "polling the health check of driver " + driver + " failed: " + e.getCause(), e);
    }
    return current();
  }

  /** Runs the check once and notifies the streams when the list changed. */
  void poll() {
    List<DeviceHealth> devices;
    try {
      devices = List.copyOf(check.check());
    } catch (Exception e) {
      String message = "health check of driver " + driver + " failed: " + e;
      LOG.warn("{}; reporting every device as UNKNOWN", message, e);
      List<DeviceHealth> unknown = new ArrayList<>();
      for (DeviceHealth d : snapshot.devices()) {
        unknown.add(new DeviceHealth(d.pool(), d.device(), HealthStatus.UNKNOWN, message));
      }
      devices = List.copyOf(unknown);
    }
    if (!devices.equals(snapshot.devices())) {
      snapshot = new Snapshot(devices, clock.instant().getEpochSecond());
      LOG.debug("device health of driver {} changed: {}", driver, devices);
      streams.forEach(Stream::send);
    }
  }

  /**
   * Serves one kubelet {@code NodeWatchResources} stream until the kubelet cancels it or the
   * monitor closes.
   *
   * @param observer the gRPC response stream
   * @param toMessage converts a device list into the stream's message type
   */
  <R> void stream(StreamObserver<R> observer, Function<Snapshot, R> toMessage) {
    Stream<R> stream = new Stream<>((ServerCallStreamObserver<R>) observer, toMessage);
    stream.listen();
    boolean open;
    synchronized (streams) {
      if (closed) {
        // A stream that arrives while the driver stops would otherwise stay open and hold up
        // the server's shutdown until its timeout.
        stream.complete();
        return;
      }
      if (!stream.register()) {
        return; // cancelled already
      }
      open = started;
    }
    if (open) {
      stream.open(); // otherwise start() opens it
    }
  }

  /** Ends every stream, now and later, and stops polling. */
  @Override
  public void close() {
    ScheduledFuture<?> p = polling;
    if (p != null) {
      p.cancel(false);
    }
    synchronized (streams) {
      closed = true;
    }
    streams.forEach(Stream::complete);
  }

  private final class Stream<R> {
    private final ServerCallStreamObserver<R> call;
    private final Function<Snapshot, R> toMessage;
    private ScheduledFuture<?> resend;
    private boolean opened;
    private boolean done;

    Stream(ServerCallStreamObserver<R> call, Function<Snapshot, R> toMessage) {
      this.call = call;
      this.toMessage = toMessage;
    }

    /** Called on the gRPC thread that serves the call, as gRPC requires. */
    synchronized void listen() {
      call.setOnCancelHandler(this::cancelled);
    }

    /** Adds the stream to the monitor's unless the kubelet cancelled it already. */
    synchronized boolean register() {
      if (!done) {
        streams.add(this);
      }
      return !done;
    }

    /** Sends the current list and schedules the re-sends; once. */
    synchronized void open() {
      if (done || opened) {
        return; // completed by close() before it was opened, or opened by start() and stream()
      }
      opened = true;
      long every = resendInterval.toMillis();
      resend = scheduler.scheduleAtFixedRate(this::send, every, every, TimeUnit.MILLISECONDS);
      send();
    }

    synchronized void send() {
      if (done || !opened) {
        return;
      }
      try {
        call.onNext(toMessage.apply(snapshot));
      } catch (RuntimeException e) {
        LOG.debug("health stream of driver {} ended: {}", driver, e.toString());
        stop();
      }
    }

    synchronized void complete() {
      if (!done) {
        stop();
        try {
          call.onCompleted();
        } catch (RuntimeException e) {
          LOG.debug("health stream of driver {} was already closed", driver);
        }
      }
    }

    synchronized void cancelled() {
      stop();
    }

    private void stop() {
      done = true;
      if (resend != null) {
        resend.cancel(false);
      }
      streams.remove(this);
    }
  }
}
