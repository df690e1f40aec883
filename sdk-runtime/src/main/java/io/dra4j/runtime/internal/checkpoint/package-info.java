/**
 * Crash-safe record of which claims this driver started and finished preparing, so that unprepare
 * works from local state alone (the claim may be gone from the API) and a reboot is noticed through
 * the boot ID. The file carries a schema version and a checksum over its raw data bytes; it is
 * replaced with fsync and an atomic rename, and a corrupt file is quarantined, never reused.
 *
 * <p>Internal to the runtime: not API, and may change in any release.
 */
package io.dra4j.runtime.internal.checkpoint;
