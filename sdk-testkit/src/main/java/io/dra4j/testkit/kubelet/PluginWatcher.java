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

import io.dra4j.runtime.internal.lifecycle.Shutdown;
import io.dra4j.runtime.internal.proto.registration.InfoRequest;
import io.dra4j.runtime.internal.proto.registration.PluginInfo;
import io.dra4j.runtime.internal.proto.registration.RegistrationGrpc;
import io.dra4j.runtime.internal.proto.registration.RegistrationStatus;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's plugin watcher and reconciler for the registration directory. A directory watch and
 * a periodic reconcile compare the sockets on disk (subdirectories included, names starting with
 * {@code .} ignored) with the registered plugins: a new socket is registered, a deleted one
 * deregistered, a re-created one (new inode or timestamp) deregistered and registered again. A
 * failed registration is retried from scratch with a per-socket exponential backoff. At most one
 * operation runs per socket at a time.
 */
final class PluginWatcher implements AutoCloseable {

  /** Identity of a socket file: a re-created socket has a new inode or timestamp. */
  private record SocketId(Object fileKey, long modifiedNanos) {}

  private record Registered(SocketId id, String driver, Path endpoint) {}

  private static final class Backoff {
    int failures;
    long notBeforeNanos;
  }

  private final Path dir;
  private final UnixChannels channels;
  private final EventLog events;
  private final DraPlugins plugins;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers;
  private final Timeouts timeouts;
  private final Map<Path, Registered> actual = new HashMap<>();
  private final Map<Path, Backoff> backoff = new HashMap<>();
  private final Set<Path> inFlight = new HashSet<>();
  private volatile boolean closed;
  private WatchService watchService;
  private Thread watchThread;
  private ScheduledFuture<?> periodicReconcile;

  /** Timeouts and backoff, defaults from the kubelet. */
  record Timeouts(
      Duration dial,
      Duration getInfo,
      Duration notifyStatus,
      Duration reconcile,
      Duration initialBackoff,
      Duration maxBackoff) {}

  PluginWatcher(
      Path dir,
      UnixChannels channels,
      EventLog events,
      DraPlugins plugins,
      ScheduledExecutorService scheduler,
      ExecutorService workers,
      Timeouts timeouts) {
    this.dir = dir;
    this.channels = channels;
    this.events = events;
    this.plugins = plugins;
    this.scheduler = scheduler;
    this.workers = workers;
    this.timeouts = timeouts;
  }

  void start() throws IOException {
    Files.createDirectories(dir);
    watchService = dir.getFileSystem().newWatchService();
    watchTree(dir);
    watchThread = new Thread(this::watchLoop, "kubelet-plugin-watcher");
    watchThread.setDaemon(true);
    watchThread.start();
    long period = timeouts.reconcile().toMillis();
    periodicReconcile =
        scheduler.scheduleWithFixedDelay(this::reconcile, 0, period, TimeUnit.MILLISECONDS);
  }

  private void watchTree(Path root) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
              throws IOException {
            if (!d.equals(root) && ignored(d)) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            d.register(
                watchService,
                StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private void watchLoop() {
    while (!closed) {
      WatchKey key;
      try {
        key = watchService.take();
      } catch (InterruptedException | ClosedWatchServiceException e) {
        return;
      }
      Path watched = (Path) key.watchable();
      for (var event : key.pollEvents()) {
        if (event.context() instanceof Path name) {
          Path child = watched.resolve(name);
          if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) && !ignored(child)) {
            try {
              watchTree(child);
            } catch (IOException e) {
              events.record(child.toString(), "cannot watch directory: " + e);
            }
          }
        }
      }
      key.reset();
      reconcileIn(0);
    }
  }

  private static boolean ignored(Path p) {
    return p.getFileName() != null && p.getFileName().toString().startsWith(".");
  }

  /** The sockets on disk now. */
  private Map<Path, SocketId> desired() {
    Map<Path, SocketId> sockets = new HashMap<>();
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
              return !d.equals(dir) && ignored(d)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (!ignored(file) && attrs.isOther()) {
                sockets.put(
                    file,
                    new SocketId(
                        attrs.fileKey(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS)));
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      events.record(dir.toString(), "cannot scan the registration directory: " + e);
    }
    return sockets;
  }

  /** Runs a reconcile after the delay, unless the watcher is closed. */
  private void reconcileIn(long delayNanos) {
    if (closed) {
      return;
    }
    try {
      scheduler.schedule(this::reconcile, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The scheduler was shut down with the kubelet; the periodic reconcile covers the rest.
    }
  }

  synchronized void reconcile() {
    if (closed) {
      return;
    }
    Map<Path, SocketId> desired = desired();
    for (Map.Entry<Path, Registered> e : Map.copyOf(actual).entrySet()) {
      Path socket = e.getKey();
      SocketId now = desired.get(socket);
      if (!Objects.equals(now, e.getValue().id()) && inFlight.add(socket)) {
        String why = now == null ? "socket removed" : "socket re-created";
        workers.execute(() -> deregister(socket, e.getValue(), why));
      }
    }
    long nowNanos = System.nanoTime();
    for (Map.Entry<Path, SocketId> e : desired.entrySet()) {
      Path socket = e.getKey();
      Backoff b = backoff.get(socket);
      if (actual.containsKey(socket)
          || inFlight.contains(socket)
          || (b != null && nowNanos < b.notBeforeNanos)) {
        continue;
      }
      inFlight.add(socket);
      workers.execute(() -> register(socket, e.getValue()));
    }
    backoff.keySet().retainAll(desired.keySet());
  }

  private void deregister(Path socket, Registered registered, String why) {
    try {
      plugins.deregister(registered.driver(), registered.endpoint());
      events.record(
          registered.driver(),
          "deregistered " + registered.endpoint() + " (" + why + ": " + socket + ")");
    } finally {
      synchronized (this) {
        actual.remove(socket);
        inFlight.remove(socket);
      }
      reconcileIn(0);
    }
  }

  private void register(Path socket, SocketId id) {
    String failure = null;
    ManagedChannel channel = channels.open(socket);
    try {
      failure = attemptRegistration(socket, id, channel);
    } catch (RuntimeException e) {
      failure = "unexpected error: " + e;
    } finally {
      channel.shutdownNow();
      synchronized (this) {
        inFlight.remove(socket);
        if (failure == null) {
          backoff.remove(socket);
        } else if (!closed) {
          Backoff b = backoff.computeIfAbsent(socket, s -> new Backoff());
          b.failures++;
          long delay =
              Math.min(
                  timeouts.initialBackoff().toNanos() << Math.min(b.failures - 1, 30),
                  timeouts.maxBackoff().toNanos());
          b.notBeforeNanos = System.nanoTime() + delay;
          events.record(
              socket.toString(),
              "registration failed: "
                  + failure
                  + "; retrying in "
                  + TimeUnit.NANOSECONDS.toMillis(delay)
                  + " ms");
          reconcileIn(delay);
        }
      }
    }
  }

  /** Returns null on success, else why the attempt failed. */
  private String attemptRegistration(Path socket, SocketId id, ManagedChannel channel) {
    if (!awaitReady(channel, timeouts.dial())) {
      return "failed to dial socket " + socket + " within " + timeouts.dial().toMillis() + " ms";
    }
    PluginInfo info;
    try {
      info =
          RegistrationGrpc.newBlockingStub(channel)
              .withDeadlineAfter(timeouts.getInfo().toNanos(), TimeUnit.NANOSECONDS)
              .getInfo(InfoRequest.getDefaultInstance());
    } catch (RuntimeException e) {
      return "failed to get plugin info using RPC GetInfo at socket "
          + socket
          + " (timeout "
          + timeouts.getInfo().toMillis()
          + " ms): "
          + describe(e);
    }
    if (!"DRAPlugin".equals(info.getType())) {
      return notifyFailure(
          channel,
          socket,
          "RegisterPlugin error -- no handler registered for plugin type: "
              + info.getType()
              + " at socket "
              + socket
              + "; a DRA driver must report type DRAPlugin");
    }
    String driver = info.getName();
    Path endpoint = info.getEndpoint().isEmpty() ? socket : Path.of(info.getEndpoint());
    DraPlugins.Choice choice;
    try {
      choice = plugins.validate(driver, endpoint, info.getSupportedVersionsList());
    } catch (IllegalArgumentException e) {
      return notifyFailure(
          channel,
          socket,
          "RegisterPlugin error -- plugin validation failed with err: " + e.getMessage());
    }
    synchronized (this) {
      if (closed) {
        return null;
      }
      actual.put(socket, new Registered(id, driver, endpoint));
    }
    plugins.register(driver, endpoint, socket, choice);
    events.record(
        driver,
        "registered "
            + endpoint
            + " via "
            + socket
            + " with "
            + choice.dra().advertised()
            + choice.health().map(h -> " and " + h.advertised()).orElse("")
            + " (plugin advertised "
            + info.getSupportedVersionsList()
            + ")");
    try {
      RegistrationGrpc.newBlockingStub(channel)
          .withDeadlineAfter(timeouts.notifyStatus().toNanos(), TimeUnit.NANOSECONDS)
          .notifyRegistrationStatus(
              RegistrationStatus.newBuilder().setPluginRegistered(true).build());
    } catch (RuntimeException e) {
      // The plugin stays registered, as in the kubelet.
      events.record(
          driver, "failed to send registration status at socket " + socket + ": " + describe(e));
    }
    return null;
  }

  private String notifyFailure(ManagedChannel channel, Path socket, String message) {
    try {
      RegistrationGrpc.newBlockingStub(channel)
          .withDeadlineAfter(timeouts.notifyStatus().toNanos(), TimeUnit.NANOSECONDS)
          .notifyRegistrationStatus(
              RegistrationStatus.newBuilder().setPluginRegistered(false).setError(message).build());
    } catch (RuntimeException e) {
      // The Go helper answers Notify(false) with an error on purpose; nothing to do.
      events.record(socket.toString(), "NotifyRegistrationStatus(false) returned " + describe(e));
    }
    return message;
  }

  private static String describe(RuntimeException e) {
    Status status = Status.fromThrowable(e);
    return status.getCode()
        + (status.getDescription() == null ? "" : ": " + status.getDescription());
  }

  private static boolean awaitReady(ManagedChannel channel, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      ConnectivityState state = channel.getState(true);
      if (state == ConnectivityState.READY) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || state == ConnectivityState.SHUTDOWN) {
        return false;
      }
      CountDownLatch changed = new CountDownLatch(1);
      channel.notifyWhenStateChanged(state, changed::countDown);
      try {
        changed.await(left, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  synchronized Map<Path, String> registeredSockets() {
    Map<Path, String> out = new HashMap<>();
    actual.forEach((socket, r) -> out.put(socket, r.driver()));
    return out;
  }

  @Override
  public void close() {
    closed = true;
    if (periodicReconcile != null) {
      periodicReconcile.cancel(false);
    }
    try {
      if (watchService != null) {
        watchService.close();
      }
    } catch (IOException e) {
      events.record(dir.toString(), "closing the directory watch failed: " + e);
    }
    if (watchThread != null) {
      watchThread.interrupt();
      if (Thread.currentThread() != watchThread) {
        Shutdown.join(watchThread, Duration.ofSeconds(5));
      }
    }
  }
}
