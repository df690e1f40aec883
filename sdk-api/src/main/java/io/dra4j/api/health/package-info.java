/**
 * Device health reported by a driver and streamed to the kubelet.
 *
 * <p>A provider offers a {@link io.dra4j.api.health.HealthCheck}; the SDK polls it on its own
 * thread and re-sends the full list before the kubelet's timeout marks devices unknown.
 */
package io.dra4j.api.health;
