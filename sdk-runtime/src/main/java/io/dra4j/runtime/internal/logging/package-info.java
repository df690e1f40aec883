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
/**
 * Log output of the driver process. {@link io.dra4j.runtime.internal.logging.RuntimeLogging}
 * applies {@code --log-level} and {@code --log-format}: when the class path has no SLF4J provider
 * of its own, the runtime's one-line provider writes every line (the runtime's, the libraries', and
 * a provider's {@code DriverContext.logger()}) as text or JSON lines; java.util.logging is routed
 * to SLF4J too. The SDK jar registers no provider, so an application that embeds the runtime keeps
 * its own.
 *
 * <p>Internal to the runtime: not API, and may change in any release.
 */
package io.dra4j.runtime.internal.logging;
