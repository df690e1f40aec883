/**
 * The Kubernetes API connection of the runtime: client construction, the JSON the API accepts,
 * watch-backed caches and the backoff used by the ResourceSlice publisher and the claim cache.
 *
 * <p>Internal to the runtime: not API, and may change in any release.
 */
package io.dra4j.runtime.internal.kube;
