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
package io.dra4j.runtime.internal.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a log line is written: {@code text}, one readable line ({@code 2026-01-02T03:04:05.678Z WARN
 * io.dra4j.driver.gpu.example.com - message}, a stack trace on the lines after it), or {@code
 * json}, one JSON object per line with {@code time}, {@code level}, {@code logger}, {@code thread},
 * {@code message} and {@code exception}.
 */
public enum LogFormat {
  /** One human-readable line: time, level, logger, message. */
  TEXT {
    @Override
    String render(LogEvent e) {
      StringBuilder out =
          new StringBuilder(e.message().length() + 80)
              .append(TIME.format(Instant.ofEpochMilli(e.epochMillis())))
              .append(' ')
              .append(String.format(Locale.ROOT, "%-5s", e.level()))
              .append(' ')
              .append(e.logger())
              .append(" - ")
              .append(e.message());
      e.thrown().ifPresent(t -> out.append('\n').append(stackTrace(t)));
      return out.toString();
    }
  },

  /** One JSON object per line, for a log collector. */
  JSON {
    @Override
    String render(LogEvent e) {
      StringBuilder out = new StringBuilder(e.message().length() + 120).append('{');
      field(out, "time", TIME.format(Instant.ofEpochMilli(e.epochMillis()))).append(',');
      field(out, "level", e.level().toString()).append(',');
      field(out, "logger", e.logger()).append(',');
      field(out, "thread", e.thread()).append(',');
      field(out, "message", e.message());
      e.thrown().ifPresent(t -> field(out.append(','), "exception", stackTrace(t)));
      return out.append('}').toString();
    }
  };

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** The line for one event, without a line separator at the end. */
  abstract String render(LogEvent event);

  /** The names {@code --log-format} accepts. */
  public static List<String> names() {
    return List.of("text", "json");
  }

  /** The format named {@code name} ({@code text} or {@code json}, any case). */
  public static Optional<LogFormat> named(String name) {
    for (LogFormat f : values()) {
      if (f.name().equalsIgnoreCase(name.trim())) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString().stripTrailing();
  }

  private static StringBuilder field(StringBuilder out, String name, String value) {
    out.append('"').append(name).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }
}
