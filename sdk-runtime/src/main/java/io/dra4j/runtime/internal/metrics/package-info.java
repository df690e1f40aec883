/**
 * Runtime metrics in the Prometheus text format and the HTTP endpoint that serves them with the
 * liveness and readiness probes.
 *
 * <p>Internal to the runtime: not API, and may change in any release.
 */
package io.dra4j.runtime.internal.metrics;
