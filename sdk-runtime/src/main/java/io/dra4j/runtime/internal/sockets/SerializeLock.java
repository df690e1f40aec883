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

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serializes prepare and unprepare across driver instances of one node during a rolling update,
 * with an exclusive lock on {@code <plugin data dir>/serialize.lock}. A file lock belongs to the
 * whole process, so threads of this process first take an in-process lock.
 */
public final class SerializeLock {
  private final Path file;
  private final ReentrantLock local = new ReentrantLock(true);

  public SerializeLock(Path file) {
    this.file = file;
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /**
   * Waits up to the timeout until this process holds the lock; close the handle to release it.
   *
   * @throws TimeoutException when another instance held the lock for the whole timeout
   */
  public Held acquire(Duration timeout) throws IOException, InterruptedException, TimeoutException {
    long until = System.nanoTime() + timeout.toNanos();
    if (!local.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new TimeoutException("another call of this instance held it for " + timeout);
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      while (true) {
        FileLock lock = tryLock(channel);
        if (lock != null) {
          return new Held(channel, lock);
        }
        if (System.nanoTime() - until >= 0) {
          throw new TimeoutException("another driver instance held it for " + timeout);
        }
        Thread.sleep(5);
      }
    } catch (IOException | RuntimeException | InterruptedException | TimeoutException e) {
      if (channel != null) {
        channel.close();
      }
      local.unlock();
      throw e;
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // Another instance in this JVM (tests run two side by side) holds it.
      return null;
    }
  }

  /** A held lock. */
  public final class Held implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private Held(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() throws IOException {
      // Closing the channel releases the lock too, so it is closed even when release fails.
      try (FileChannel c = channel) {
        lock.release();
      } finally {
        local.unlock();
      }
    }
  }
}
