/**
 * Start-up guards a driver runs before it publishes devices, such as refusing to run next to a
 * device plugin that hands out the same hardware.
 */
package io.dra4j.api.guard;
