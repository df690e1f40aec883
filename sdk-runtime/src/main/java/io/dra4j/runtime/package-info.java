/**
 * The kubelet plugin runtime of a DRA driver: {@link io.dra4j.runtime.DriverRuntime} runs a {@link
 * io.dra4j.api.DeviceProvider} behind the kubelet's sockets, and {@link io.dra4j.runtime.Main}
 * starts it from the command line of a DaemonSet pod. {@link io.dra4j.runtime.KubernetesConnection}
 * connects it to the API server. This package is the runtime's whole API; everything under {@code
 * io.dra4j.runtime.internal} may change in any release.
 */
package io.dra4j.runtime;
