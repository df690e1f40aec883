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
package io.dra4j.bench.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The campaign's command line: which scenarios and how large. */
record Options(
    Set<Character> scenarios,
    int kills,
    int claims,
    Duration soak,
    Duration killEvery,
    int malformedCalls,
    int outages,
    long seed,
    Path work) {

  static final String USAGE =
      """
      usage: FaultCampaign [--scenarios abcdef] [--kills 100] [--claims 8] [--duration 1h]
                           [--kill-every 60s] [--malformed 1000] [--outages 3] [--seed 1]
                           [--work DIR]
        a  kill -9 under a prepare/unprepare loop, --kills times
        b  checkpoint corruptions (truncate, flip, garbage, empty, other schema) and restart
        c  API server restarted empty, --outages times: time until slices are republished
        d  disk full: CDI and plugin directories on a small tmpfs (needs root and mount)
        e  --malformed gRPC calls whose body is not a request: log lines, still serving
        f  churn soak for --duration with a kill -9 every --kill-every: RSS and open files
      durations: 90s, 10m, 1h""";

  static Options parse(String[] args) {
    Set<Character> scenarios = new LinkedHashSet<>(List.of('a', 'b', 'c', 'd', 'e', 'f'));
    int kills = 100;
    int claims = 8;
    Duration soak = Duration.ofHours(1);
    Duration killEvery = Duration.ofSeconds(60);
    int malformed = 1000;
    int outages = 3;
    long seed = 1;
    Path work = Path.of("/tmp");
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value\n" + USAGE);
      }
      String flag = args[i];
      String v = args[i + 1];
      switch (flag) {
        case "--scenarios" -> scenarios = scenarios(v);
        case "--kills" -> kills = positive(flag, v);
        case "--claims" -> claims = positive(flag, v);
        case "--duration" -> soak = duration(v);
        case "--kill-every" -> killEvery = duration(v);
        case "--malformed" -> malformed = positive(flag, v);
        case "--outages" -> outages = positive(flag, v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--work" -> work = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
      }
    }
    return new Options(scenarios, kills, claims, soak, killEvery, malformed, outages, seed, work);
  }

  private static Set<Character> scenarios(String v) {
    Set<Character> out = new LinkedHashSet<>();
    for (char c : v.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c < 'a' || c > 'f') {
        throw new IllegalArgumentException("--scenarios " + v + ": letters a to f only\n" + USAGE);
      }
      out.add(c);
    }
    return out;
  }

  private static int positive(String flag, String v) {
    int n = Integer.parseInt(v);
    if (n < 1) {
      throw new IllegalArgumentException(flag + " " + v + ": must be at least 1");
    }
    return n;
  }

  /** {@code 90s}, {@code 10m}, {@code 1h}. */
  static Duration duration(String v) {
    long n = Long.parseLong(v.substring(0, v.length() - 1));
    return switch (v.charAt(v.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      default -> throw new IllegalArgumentException(v + ": write a duration like 90s, 10m or 1h");
    };
  }
}
