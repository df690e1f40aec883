/**
 * The ${driverName} DRA driver.
 *
 * <p>Device discovery, the published devices, the opaque configuration and the {@link
 * io.dra4j.api.DeviceProvider} that the dra4j runtime hosts.
 */
package ${package};
