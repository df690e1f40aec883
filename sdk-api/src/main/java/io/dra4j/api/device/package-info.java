/**
 * The validated device model a driver publishes: pools, devices, attributes, quantities.
 *
 * <p>Every value checks the {@code resource.k8s.io/v1} rules that apply to it when it is built
 * ({@link io.dra4j.api.device.Limits}, {@link io.dra4j.api.device.Names}), so an invalid device
 * cannot exist; a broken rule is a {@link io.dra4j.api.device.ValidationException} that names the
 * object, the field, the value and the rule. {@link io.dra4j.api.device.Quantity} is an exact
 * Kubernetes quantity with the API's canonical formatting.
 */
package io.dra4j.api.device;
