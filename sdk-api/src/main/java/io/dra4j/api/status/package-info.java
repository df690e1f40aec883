/**
 * What a driver reports about its allocated devices in a ResourceClaim's {@code status.devices}.
 *
 * <p>A provider attaches a {@link io.dra4j.api.status.DeviceStatus} (conditions, driver data and
 * network data) to a prepared device; the SDK writes it to the claim after the prepare succeeds and
 * removes it on unprepare. A driver or its controller sets single conditions, such as binding
 * conditions, through a {@link io.dra4j.api.status.ClaimStatusWriter}. Every value is checked
 * against the limits the API server enforces when it is built.
 */
package io.dra4j.api.status;
