/**
 * Device health: polls the provider's health check and streams the complete device list to the
 * kubelet on every change and periodically, before the kubelet's staleness timeout.
 *
 * <p>Internal to the runtime: not API, and may change in any release.
 */
package io.dra4j.runtime.internal.health;
