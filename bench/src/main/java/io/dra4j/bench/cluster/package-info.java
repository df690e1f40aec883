/** Benchmark of the testkit's in-process cluster: start-up time and pods run per second. */
package io.dra4j.bench.cluster;
