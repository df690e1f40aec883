/**
 * The dra4j SPI: implement {@link io.dra4j.api.DeviceProvider} to write a Kubernetes DRA driver.
 */
package io.dra4j.api;
