/**
 * The kubelet plugin runtime of a DRA driver: {@link io.dra4j.runtime.DriverRuntime} runs a {@link
 * io.dra4j.api.DeviceProvider} behind the kubelet's sockets, and {@link io.dra4j.runtime.Main}
 * starts it from the command line of a DaemonSet pod. {@link io.dra4j.runtime.KubernetesConnection}
 * connects it to the API server. The runtime registers the driver with the kubelet before the
 * provider starts and publishes its devices, and holds the kubelet's calls until it has started.
 * This package is the runtime's whole API; everything under {@code io.dra4j.runtime.internal} may
 * change in any release.
 */
package io.dra4j.runtime;
