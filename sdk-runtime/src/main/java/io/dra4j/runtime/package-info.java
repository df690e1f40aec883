/**
 * The kubelet plugin runtime of a DRA driver: {@link io.dra4j.runtime.DriverRuntime} runs a {@link
 * io.dra4j.api.DeviceProvider} behind the kubelet's sockets, and {@link io.dra4j.runtime.Main}
 * starts it from the command line of a DaemonSet pod.
 */
package io.dra4j.runtime;
