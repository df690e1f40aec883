/** Allocator throughput and CEL selector cost on simulated trn2.48xlarge clusters. */
package io.dra4j.bench.allocator;
