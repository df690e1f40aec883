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
package io.dra4j.bench.sidebyside;

import io.dra4j.api.DeviceProvider;
import io.dra4j.api.DriverContext;
import io.dra4j.api.device.Device;
import io.dra4j.api.device.Pool;
import io.dra4j.api.device.Resources;
import io.dra4j.api.prepare.Preparation;
import io.dra4j.api.prepare.PrepareRequest;
import io.dra4j.api.prepare.PreparedClaim;
import io.dra4j.bench.prepare.BenchDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dra4j side of the comparison: the prepare work of {@link BenchDriver} (one environment
 * variable per device) with devices taken from a file, as the Go reference driver does. The file
 * (setting {@value #DEVICES_FILE}) holds {@code <count> <token>}: devices {@code dev-0} to {@code
 * dev-<count-1>} in pool {@value #POOL}. It is read every 100 ms and the whole state is published
 * again whenever its content changes, so a new token with the same count is a no-op republish.
 */
public final class SideBySideDriver implements DeviceProvider {
  /** The setting that names the devices file. */
  public static final String DEVICES_FILE = "devices-file";

  /** The pool every device is in. */
  public static final String POOL = "pool";

  private static final Logger LOG = LoggerFactory.getLogger(SideBySideDriver.class);

  private final BenchDriver work = new BenchDriver();
  private ScheduledExecutorService poller;

  @Override
  public String driverName() {
    return work.driverName();
  }

  @Override
  public synchronized void start(DriverContext context) {
    String setting = context.settings().get(DEVICES_FILE);
    if (setting == null || setting.isBlank()) {
      throw new IllegalArgumentException(
          "driver "
              + driverName()
              + " needs the devices file: start it with --set "
              + DEVICES_FILE
              + "=<file holding '<count> <token>'>");
    }
    Path file = Path.of(setting);
    String first = read(file);
    context.publish(resources(DevicesFile.count(file, first)));
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "devices-file-poller");
              t.setDaemon(true);
              return t;
            });
    String[] last = {first};
    poller.scheduleWithFixedDelay(
        () -> {
          try {
            String now = read(file);
            if (!now.equals(last[0])) {
              context.publish(resources(DevicesFile.count(file, now)));
              last[0] = now;
            }
          } catch (RuntimeException e) {
            LOG.error(
                "driver {}: cannot republish from {}: {}", driverName(), file, e.getMessage());
          }
        },
        100,
        100,
        TimeUnit.MILLISECONDS);
  }

  @Override
  public Preparation prepare(PrepareRequest request) {
    return work.prepare(request);
  }

  @Override
  public void unprepare(PreparedClaim claim) {
    work.unprepare(claim);
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }

  /** Devices {@code dev-0} to {@code dev-<count-1>} in pool {@value #POOL}. */
  static Resources resources(int count) {
    Pool.Builder pool = Pool.builder(POOL);
    for (int i = 0; i < count; i++) {
      pool.device(Device.builder("dev-" + i).build());
    }
    return Resources.of(pool.build());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read devices file " + file + ": " + e + "; it must hold '<count> <token>'", e);
    }
  }

  /** The devices file's format. */
  static final class DevicesFile {
    private DevicesFile() {}

    /** Parses {@code <count> <token>}; the count must be a non-negative number. */
    static int count(Path file, String content) {
      String[] fields = content.trim().split("\\s+");
      Optional<Integer> n = Optional.empty();
      try {
        n = Optional.of(Integer.parseInt(fields[0])).filter(v -> v >= 0);
      } catch (NumberFormatException e) {
        // reported below
      }
      return n.orElseThrow(
          () ->
              new IllegalArgumentException(
                  "devices file "
                      + file
                      + " holds '"
                      + content.trim()
                      + "' but must hold '<count> <token>' with a non-negative count, like"
                      + " '16 1'"));
    }

    /** The content for {@code count} devices, with a token that makes it differ from before. */
    static String content(int count, int token) {
      return count + " " + token + "\n";
    }
  }
}
