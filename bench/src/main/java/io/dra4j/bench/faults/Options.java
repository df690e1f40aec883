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
    Options o =
        new Options(
            new LinkedHashSet<>(List.of('a', 'b', 'c', 'd', 'e', 'f')),
            100,
            8,
            Duration.ofHours(1),
            Duration.ofSeconds(60),
            1000,
            3,
            1,
            Path.of("/tmp"));
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value\n" + USAGE);
      }
      String v = args[i + 1];
      o =
          switch (args[i]) {
            case "--scenarios" ->
                o.with(scenarios(v), o.kills, o.soak, o.killEvery, o.malformedCalls);
            case "--kills" ->
                o.with(o.scenarios, positive(args[i], v), o.soak, o.killEvery, o.malformedCalls);
            case "--duration" ->
                o.with(o.scenarios, o.kills, duration(v), o.killEvery, o.malformedCalls);
            case "--kill-every" ->
                o.with(o.scenarios, o.kills, o.soak, duration(v), o.malformedCalls);
            case "--malformed" ->
                o.with(o.scenarios, o.kills, o.soak, o.killEvery, positive(args[i], v));
            case "--claims" ->
                new Options(
                    o.scenarios,
                    o.kills,
                    positive(args[i], v),
                    o.soak,
                    o.killEvery,
                    o.malformedCalls,
                    o.outages,
                    o.seed,
                    o.work);
            case "--outages" ->
                new Options(
                    o.scenarios,
                    o.kills,
                    o.claims,
                    o.soak,
                    o.killEvery,
                    o.malformedCalls,
                    positive(args[i], v),
                    o.seed,
                    o.work);
            case "--seed" ->
                new Options(
                    o.scenarios,
                    o.kills,
                    o.claims,
                    o.soak,
                    o.killEvery,
                    o.malformedCalls,
                    o.outages,
                    Long.parseLong(v),
                    o.work);
            case "--work" ->
                new Options(
                    o.scenarios,
                    o.kills,
                    o.claims,
                    o.soak,
                    o.killEvery,
                    o.malformedCalls,
                    o.outages,
                    o.seed,
                    Path.of(v));
            default ->
                throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
          };
    }
    return o;
  }

  private Options with(Set<Character> s, int k, Duration soak, Duration every, int malformed) {
    return new Options(s, k, claims, soak, every, malformed, outages, seed, work);
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
