/**
 * A GPU-style driver: whole GPUs and partitions sharing counters, and sharing strategies
 * (exclusive, time-slicing, MPS) from typed opaque configuration.
 */
package io.dra4j.examples.gpusharing;
