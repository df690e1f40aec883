/**
 * Device health reported by a driver and streamed to the kubelet.
 *
 * <p>A provider offers a {@link io.dra4j.api.health.HealthCheck}; the SDK polls it on its own
 * thread and re-sends the full list before the kubelet's timeout marks devices unknown. {@link
 * io.dra4j.api.health.TaintedPool} turns the check's {@link io.dra4j.api.health.Finding}s into that
 * report and into {@code NoSchedule} taints on the published devices, so the scheduler also stays
 * away from a broken device.
 */
package io.dra4j.api.health;
