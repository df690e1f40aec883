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
package io.dra4j.runtime.internal.sockets;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs calls that were refused or failed, at most {@code perWindow} lines per window; the rest are
 * counted, and the count is reported on the next line that is logged. A caller that floods the
 * socket with malformed requests thus costs a few lines a minute instead of one (or a stack trace)
 * per call. Thread-safe.
 */
public final class BadCallLog {
  private static final Logger LOG = LoggerFactory.getLogger(BadCallLog.class);

  /** Lines per minute before calls are only counted. */
  public static final int DEFAULT_PER_MINUTE = 10;

  private final int perWindow;
  private final long windowNanos;
  private final LongSupplier nanoTime;
  private long windowStart;
  private int logged;
  private long suppressed;

  /** At most {@link #DEFAULT_PER_MINUTE} lines a minute. */
  public BadCallLog() {
    this(DEFAULT_PER_MINUTE, Duration.ofMinutes(1), System::nanoTime);
  }

  BadCallLog(int perWindow, Duration window, LongSupplier nanoTime) {
    if (perWindow < 1) {
      throw new IllegalArgumentException("perWindow " + perWindow + " must be at least 1");
    }
    this.perWindow = perWindow;
    this.windowNanos = window.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.windowStart = nanoTime.getAsLong();
  }

  /** A call refused because the request is invalid: one WARN line naming method and reason. */
  public void refused(String method, String reason) {
    long skipped = admit();
    if (skipped >= 0) {
      LOG.warn("refused {} with INVALID_ARGUMENT: {}{}", method, reason, note(skipped));
    }
  }

  /** A call that failed inside the runtime: one ERROR line with the stack trace, when admitted. */
  public void failed(String method, String status, Throwable cause) {
    long skipped = admit();
    if (skipped >= 0) {
      LOG.error("{} failed with {}{}", method, status, note(skipped), cause);
    }
  }

  /** The number of calls not logged since the last logged line, or -1 when this one is not. */
  private synchronized long admit() {
    long now = nanoTime.getAsLong();
    if (now - windowStart >= windowNanos) {
      windowStart = now;
      logged = 0;
    }
    if (logged >= perWindow) {
      suppressed++;
      return -1;
    }
    logged++;
    long skipped = suppressed;
    suppressed = 0;
    return skipped;
  }

  private static String note(long skipped) {
    return skipped == 0
        ? ""
        : " (" + skipped + " more refused or failed calls were not logged before this one)";
  }
}
