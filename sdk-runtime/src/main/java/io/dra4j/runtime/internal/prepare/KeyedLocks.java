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
package io.dra4j.runtime.internal.prepare;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** One lock per claim UID, created on demand and dropped when nobody holds or waits for it. */
final class KeyedLocks {
  private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }

  /** Waits up to the timeout for the key's lock; returns whether it was taken. */
  boolean tryLock(String key, long timeout, TimeUnit unit) throws InterruptedException {
    Entry entry =
        locks.compute(
            key,
            (k, e) -> {
              Entry held = e == null ? new Entry() : e;
              held.users++;
              return held;
            });
    boolean taken = false;
    try {
      taken = entry.lock.tryLock(timeout, unit);
      return taken;
    } finally {
      if (!taken) {
        release(key);
      }
    }
  }

  void unlock(String key) {
    Entry entry = locks.get(key);
    entry.lock.unlock();
    release(key);
  }

  private void release(String key) {
    locks.computeIfPresent(key, (k, e) -> --e.users == 0 ? null : e);
  }
}
