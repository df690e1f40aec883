/**
 * This driver's entries in ResourceClaims' {@code status.devices}: {@code DeviceStatusJson}
 * converts the SPI's values to and from the API's JSON, {@code DeviceEntries} merges them into a
 * claim's list without touching other drivers' entries, {@code ClaimStatusPatcher} writes the
 * status subresource with conflict retries, and {@code PreparedStatusReporter} is the prepare and
 * unprepare hook that never fails a claim over its status.
 */
package io.dra4j.runtime.internal.claimstatus;
