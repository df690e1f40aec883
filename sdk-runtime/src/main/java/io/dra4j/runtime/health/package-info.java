/**
 * Device health: polls the provider's health check and streams the complete device list to the
 * kubelet on every change and periodically, before the kubelet's staleness timeout.
 */
package io.dra4j.runtime.health;
