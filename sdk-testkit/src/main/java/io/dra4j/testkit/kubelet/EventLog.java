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

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The kubelet's record of what happened, kept in memory for test failure messages and logged. */
final class EventLog {
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedKubelet.class);
  private static final int MAX_EVENTS = 10_000;

  private final Clock clock;
  private final List<KubeletEvent> events = new ArrayList<>();

  EventLog(Clock clock) {
    this.clock = clock;
  }

  void record(String subject, String message) {
    KubeletEvent event = new KubeletEvent(clock.instant(), subject, message);
    LOG.info("{}: {}", subject, message);
    synchronized (events) {
      if (events.size() == MAX_EVENTS) {
        events.remove(0);
      }
      events.add(event);
    }
  }

  List<KubeletEvent> snapshot() {
    synchronized (events) {
      return List.copyOf(events);
    }
  }

  String describe() {
    StringBuilder text = new StringBuilder();
    for (KubeletEvent e : snapshot()) {
      text.append("\n  ").append(e);
    }
    return text.length() == 0 ? " (no events)" : text.toString();
  }
}
