package io.dra4j.runtime.claims;

import io.dra4j.api.prepare.ClaimRef;

/**
 * Finds the allocated ResourceClaim behind a kubelet prepare request. The production
 * implementation is a watch-backed cache with a live GET on a miss or a UID mismatch.
 */
public interface ClaimLookup extends AutoCloseable {

  /**
   * Returns the claim with the given namespace, name and UID, as allocated.
   *
   * @throws ClaimLookupException when the claim does not exist, has another UID (it was
   *     replaced), is not allocated, or cannot be read; the message says which and what to do
   */
  AllocatedClaim lookup(ClaimRef claim) throws ClaimLookupException;

  @Override
  default void close() {}
}
