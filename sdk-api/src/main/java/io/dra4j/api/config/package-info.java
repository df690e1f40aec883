/** Typed opaque configuration a driver accepts from DeviceClasses and claims. */
package io.dra4j.api.config;
