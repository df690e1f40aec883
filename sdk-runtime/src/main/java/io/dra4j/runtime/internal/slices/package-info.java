/**
 * Publishing a driver's devices as ResourceSlices. Internal to the runtime: not API, and may change
 * in any release.
 */
package io.dra4j.runtime.internal.slices;
