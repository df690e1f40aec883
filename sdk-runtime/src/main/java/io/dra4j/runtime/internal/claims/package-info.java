/**
 * Looking up the allocated ResourceClaims the kubelet asks to prepare. Internal to the runtime: not
 * API, and may change in any release.
 */
package io.dra4j.runtime.internal.claims;
