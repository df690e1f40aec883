/** Looking up the allocated ResourceClaims the kubelet asks to prepare. */
package io.dra4j.runtime.claims;
