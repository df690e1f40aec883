/**
 * The Kubernetes API connection of the runtime: client construction, the JSON the API accepts,
 * watch-backed caches and the backoff used by the ResourceSlice publisher and the claim cache.
 */
package io.dra4j.runtime.kube;
