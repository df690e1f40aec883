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

import java.util.Objects;

/**
 * No socket name fits below a directory: even the shortest path is too long for a unix socket.
 * {@link #directorySetting()} names the runtime setting of that directory ({@code registrarDir} or
 * {@code pluginsDir}); the message says how long the path is and the fix.
 */
public final class SocketPathTooLongException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String directorySetting;

  SocketPathTooLongException(String directorySetting, String message) {
    super(message);
    this.directorySetting = Objects.requireNonNull(directorySetting, "directorySetting");
  }

  /** The runtime setting of the directory that is too deep. */
  public String directorySetting() {
    return directorySetting;
  }
}
