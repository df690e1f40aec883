/**
 * A whole DRA cluster in one process for tests and demos: {@link
 * io.dra4j.testkit.cluster.DraCluster} starts an in-memory API server, simulated nodes with
 * kubelets and the drivers under test on real unix sockets, schedules pods' claims with the
 * structured allocator and reports what each container gets.
 */
package io.dra4j.testkit.cluster;
