/**
 * Device metadata for containers (KEP-5304, {@code metadata.resource.k8s.io/v1alpha1}): per
 * prepared claim and request, a JSON file with the devices' published attributes and a CDI spec
 * that bind-mounts it read-only into every container that uses the request. Opt-in per driver.
 *
 * <p>Internal to the runtime: not API, and may change in any release. The in-container path and the
 * file format are the consumer-facing contract; see {@code docs/device-metadata.md}.
 */
package io.dra4j.runtime.internal.metadata;
