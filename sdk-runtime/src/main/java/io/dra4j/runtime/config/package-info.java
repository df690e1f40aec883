/**
 * Strict decoding of opaque driver configuration ({@code opaque.parameters} of DeviceClasses and
 * claims) into the record types a provider declares, with errors that name the claim, the config
 * entry, the field and the allowed values.
 */
package io.dra4j.runtime.config;
