/** The validated device model a driver publishes: pools, devices, attributes, quantities. */
package io.dra4j.api.device;
