/** Benchmarks of ResourceSlice publishing against the in-memory API server. */
package io.dra4j.bench.slices;
