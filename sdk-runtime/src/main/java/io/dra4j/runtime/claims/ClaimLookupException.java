package io.dra4j.runtime.claims;

/** A claim could not be found or is not usable; the message names the claim and the reason. */
public final class ClaimLookupException extends Exception {
  private static final long serialVersionUID = 1L;

  public ClaimLookupException(String message) {
    super(message);
  }

  public ClaimLookupException(String message, Throwable cause) {
    super(message, cause);
  }
}
