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
package io.dra4j.runtime.internal.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The command-line parser every dra4j program shares (the driver's {@code Main}, the demo, the
 * standalone in-memory API server): flag definitions, {@code --flag value} and {@code
 * --flag=value}, environment variables behind flags, and one help and error format.
 *
 * <p>Errors are {@link UsageException}s whose message names the flag, the rule and the fix, for
 * example {@code --nodes: 0 is out of range; allowed values are 1 to 16}.
 */
public final class Flags {
  private final String usageLine;
  private final String description;
  private final Map<String, Flag> flags;
  private final List<String> order;

  private Flags(Builder b) {
    this.usageLine = b.usageLine;
    this.description = b.description;
    this.flags = Map.copyOf(b.flags);
    this.order = List.copyOf(b.flags.keySet());
  }

  /** Starts the definition of a program's flags; {@code usageLine} is the help's first line. */
  public static Builder builder(String usageLine) {
    return new Builder(usageLine);
  }

  /** The help text: the usage line, the description and one line per flag. */
  public String usage() {
    StringBuilder out = new StringBuilder("usage: ").append(usageLine).append('\n');
    if (!description.isEmpty()) {
      out.append('\n').append(description.strip()).append('\n');
    }
    out.append("\nflags");
    if (flags.values().stream().anyMatch(f -> f.env().isPresent())) {
      out.append(" (environment variable in brackets)");
    }
    out.append(":\n");
    List<String> left = new ArrayList<>();
    for (String name : order) {
      Flag f = flags.get(name);
      left.add(f.valueName().map(v -> name + " " + v).orElse(name));
    }
    int width = Math.max(16, left.stream().mapToInt(String::length).max().orElse(0));
    for (int i = 0; i < order.size(); i++) {
      Flag f = flags.get(order.get(i));
      out.append(String.format(Locale.ROOT, "  %-" + width + "s  %s", left.get(i), f.help()));
      f.env().ifPresent(e -> out.append(" [").append(e).append(']'));
      out.append('\n');
    }
    out.append(String.format(Locale.ROOT, "  %-" + width + "s  %s%n", "--help", "print this text"));
    return out.toString();
  }

  /**
   * Reads the flags from {@code args}, then fills the ones not given from {@code env}.
   *
   * @throws UsageException for an unknown flag, a missing value, or a value given to a switch
   */
  public Parsed parse(List<String> args, Map<String, String> env) throws UsageException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    boolean help = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      Optional<String> inline = Optional.empty();
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        inline = Optional.of(arg.substring(eq + 1));
      }
      if (name.equals("--help") || name.equals("-h")) {
        help = true;
        continue;
      }
      Flag flag = flags.get(name);
      if (flag == null) {
        throw new UsageException(
            "unknown flag '" + arg + "'; allowed flags are " + listing(withHelp()));
      }
      String value;
      if (flag.valueName().isEmpty()) {
        if (inline.isPresent()) {
          throw new UsageException(name + " takes no value; write just " + name);
        }
        value = "true";
      } else if (inline.isPresent()) {
        value = inline.get();
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        value = args.get(++i);
      } else {
        String v = flag.valueName().get();
        throw new UsageException(
            name + " needs a value: " + name + " " + v + " or " + name + "=" + v);
      }
      List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
      if (!flag.repeatable()) {
        list.clear();
      }
      list.add(value);
    }
    for (String name : order) {
      Flag f = flags.get(name);
      if (!values.containsKey(name) && f.env().isPresent()) {
        String v = env.get(f.env().get());
        if (v != null && !v.isEmpty()) {
          values.put(name, List.of(v));
        }
      }
    }
    return new Parsed(this, values, help);
  }

  /**
   * Prints a command line a program refuses, as every dra4j program does: {@code error: <problem>},
   * then where the help is.
   */
  public static void printRefusal(PrintStream err, String problem) {
    err.println("error: " + problem);
    err.println("run with --help for usage");
  }

  /** How a flag is named in an error: {@code --cdi-dir (env CDI_ROOT)}, or just the flag. */
  public String describe(String name) {
    Flag f = require(name);
    return f.env().map(e -> name + " (env " + e + ")").orElse(name);
  }

  /** The environment variable behind a flag, if any. */
  public Optional<String> env(String name) {
    return require(name).env();
  }

  private Flag require(String name) {
    Flag f = flags.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no flag " + name + " is defined");
    }
    return f;
  }

  private List<String> withHelp() {
    List<String> all = new ArrayList<>(order);
    all.add("--help");
    return all;
  }

  /** {@code a, b and c}. */
  static String listing(List<String> items) {
    if (items.size() <= 1) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }

  private record Flag(
      Optional<String> valueName, Optional<String> env, String help, boolean repeatable) {}

  /** The values read from one command line and environment. */
  public static final class Parsed {
    private final Flags flags;
    private final Map<String, List<String>> values;
    private final boolean help;

    private Parsed(Flags flags, Map<String, List<String>> values, boolean help) {
      this.flags = flags;
      this.values = values;
      this.help = help;
    }

    /** Whether {@code --help} or {@code -h} was given. */
    public boolean help() {
      return help;
    }

    /** Whether a switch was given, or a valued flag has a value. */
    public boolean has(String name) {
      flags.require(name);
      return values.containsKey(name);
    }

    /** The flag's value (the last one given); empty when neither the flag nor its env is set. */
    public Optional<String> value(String name) {
      flags.require(name);
      List<String> v = values.getOrDefault(name, List.of());
      return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    /** Every value of a repeatable flag, in order. */
    public List<String> values(String name) {
      flags.require(name);
      return List.copyOf(values.getOrDefault(name, List.of()));
    }

    /**
     * The flag's value as a whole number from {@code min} to {@code max}.
     *
     * @throws UsageException when it is not a number or out of range
     */
    public Optional<Integer> integer(String name, int min, int max) throws UsageException {
      Optional<String> text = value(name);
      if (text.isEmpty()) {
        return Optional.empty();
      }
      String range = "allowed values are " + min + " to " + max;
      int n;
      try {
        n = Integer.parseInt(text.get().trim());
      } catch (NumberFormatException e) {
        throw new UsageException(
            flags.describe(name) + ": '" + text.get() + "' is not a number; " + range);
      }
      if (n < min || n > max) {
        throw new UsageException(flags.describe(name) + ": " + n + " is out of range; " + range);
      }
      return Optional.of(n);
    }

    /**
     * The flag's value, which must be one of {@code allowed} (compared as given).
     *
     * @throws UsageException naming the value and the allowed ones
     */
    public Optional<String> oneOf(String name, List<String> allowed) throws UsageException {
      Optional<String> v = value(name);
      if (v.isPresent() && !allowed.contains(v.get())) {
        throw new UsageException(
            flags.describe(name)
                + ": unknown value '"
                + v.get()
                + "'; allowed values are "
                + String.join(", ", allowed));
      }
      return v;
    }
  }

  /** Defines a program's flags, in the order the help lists them. */
  public static final class Builder {
    private final String usageLine;
    private String description = "";
    private final Map<String, Flag> flags = new LinkedHashMap<>();

    private Builder(String usageLine) {
      this.usageLine = Objects.requireNonNull(usageLine, "usageLine");
    }

    /** A paragraph the help prints under the usage line. */
    public Builder description(String text) {
      this.description = Objects.requireNonNull(text, "text");
      return this;
    }

    /** A flag with a value, such as {@code --nodes N}. */
    public Builder value(String name, String valueName, String help) {
      return add(name, Optional.of(valueName), Optional.empty(), help, false);
    }

    /** A flag with a value that an environment variable can also set; the flag wins. */
    public Builder value(String name, String valueName, String env, String help) {
      return add(name, Optional.of(valueName), Optional.of(env), help, false);
    }

    /** A flag that may be given several times, such as {@code --set key=value}. */
    public Builder repeatable(String name, String valueName, String help) {
      return add(name, Optional.of(valueName), Optional.empty(), help, true);
    }

    /** A switch without a value, such as {@code --json}. */
    public Builder toggle(String name, String help) {
      return add(name, Optional.empty(), Optional.empty(), help, false);
    }

    private Builder add(
        String name, Optional<String> valueName, Optional<String> env, String help, boolean rep) {
      if (!name.startsWith("--") || name.contains("=") || name.equals("--help")) {
        throw new IllegalArgumentException(
            "flag " + name + ": a flag starts with -- and has no '='; --help is built in");
      }
      if (flags.putIfAbsent(name, new Flag(valueName, env, help, rep)) != null) {
        throw new IllegalArgumentException("flag " + name + " is defined twice");
      }
      return this;
    }

    /** The definition. */
    public Flags build() {
      return new Flags(this);
    }
  }
}
