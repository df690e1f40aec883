/**
 * A whole DRA cluster in one process for tests and demos: {@link
 * io.dra4j.testkit.cluster.DraCluster} starts an in-memory API server, simulated nodes with
 * kubelets and the drivers under test on real unix sockets, schedules pods' claims with the
 * structured allocator and reports what each container gets.
 *
 * <p>Inside, each class has one job: {@code ClusterNodes} and {@code DriverLauncher} start the
 * nodes and their drivers, {@code ClaimController} creates pods' claims from templates, {@code
 * Scheduler} allocates, reserves, binds and releases, {@code PodLifecycle} runs and deletes pods,
 * {@code ManifestApplier} applies YAML and {@code ClusterReport} writes the failure report. They
 * all talk to the API server one way: JSON over HTTP through {@code ApiRest}.
 */
package io.dra4j.testkit.cluster;
