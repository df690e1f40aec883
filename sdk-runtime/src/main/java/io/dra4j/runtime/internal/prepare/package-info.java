/**
 * The kubelet's {@code NodePrepareResources} and {@code NodeUnprepareResources} for both API
 * versions: one version-independent model, a batch runner that handles each claim on its own
 * (concurrently, bounded by the call's deadline, never twice at once), and the per-claim pipeline
 * of claim lookup, checkpoint, provider call and CDI spec. A claim that fails gets a {@link
 * io.dra4j.runtime.internal.prepare.ClaimError}: a reason from a closed set and a message that
 * leaves the claim's name to the kubelet.
 *
 * <p>Internal to the runtime: not API, and may change in any release.
 */
package io.dra4j.runtime.internal.prepare;
