/**
 * The dra4j SPI: implement {@link io.dra4j.api.DeviceProvider} to write a Kubernetes DRA driver.
 *
 * <p>A provider knows devices; the SDK owns kubelet registration, gRPC, ResourceSlices, CDI files,
 * checkpoints, retries and concurrency. {@link io.dra4j.api.ProviderLoader} finds the provider with
 * {@link java.util.ServiceLoader}; {@link io.dra4j.api.DriverContext} is what it gets at start.
 * {@link io.dra4j.api.StartedState} holds what start discovered for the later calls, and {@link
 * io.dra4j.api.DriverVersion} is the version a driver publishes about itself. This module depends
 * on the JDK only.
 */
package io.dra4j.api;
