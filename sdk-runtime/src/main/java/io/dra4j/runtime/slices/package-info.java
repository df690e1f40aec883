/** Publishing a driver's devices as ResourceSlices. */
package io.dra4j.runtime.slices;
