/**
 * Kubelet-path benchmark: prepare latency and throughput over the real unix socket, process start
 * to registration socket, and idle memory of a driver process.
 */
package io.dra4j.bench.prepare;
