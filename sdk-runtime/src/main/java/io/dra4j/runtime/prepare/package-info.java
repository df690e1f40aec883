/**
 * The kubelet's {@code NodePrepareResources} and {@code NodeUnprepareResources} for both API
 * versions: one version-independent model, a batch runner that handles each claim on its own
 * (concurrently, bounded by the call's deadline, never twice at once), and the per-claim pipeline
 * of claim lookup, checkpoint, provider call and CDI spec.
 */
package io.dra4j.runtime.prepare;
