/** Device health reported by a driver and streamed to the kubelet. */
package io.dra4j.api.health;
