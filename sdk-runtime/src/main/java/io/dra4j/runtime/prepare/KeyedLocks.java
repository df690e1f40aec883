package io.dra4j.runtime.prepare;

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
