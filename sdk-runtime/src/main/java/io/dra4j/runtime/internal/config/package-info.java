/**
 * Strict decoding of opaque driver configuration ({@code opaque.parameters} of DeviceClasses and
 * claims) into the record types a provider declares, with errors that name the claim, the config
 * entry, the field and the allowed values.
 *
 * <p>Internal to the runtime: not API, and may change in any release.
 */
package io.dra4j.runtime.internal.config;
