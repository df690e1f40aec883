/**
 * Runtime metrics in the Prometheus text format and the HTTP endpoint that serves them with the
 * liveness and readiness probes.
 */
package io.dra4j.runtime.metrics;
