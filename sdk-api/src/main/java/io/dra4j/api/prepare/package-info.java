/**
 * Preparing claims: what a provider receives and the container edits it returns.
 *
 * <p>A {@link io.dra4j.api.prepare.PrepareRequest} carries one claim's allocated devices, its
 * decoded configuration and its pods; the provider answers with a {@link
 * io.dra4j.api.prepare.Preparation} of {@link io.dra4j.api.prepare.ContainerEdits}, which the SDK
 * writes as a CDI spec.
 */
package io.dra4j.api.prepare;
