/**
 * The AWS Elastic Fabric Adapter DRA driver {@code efa.networking.k8s.aws}: discovers EFA adapters
 * from sysfs, publishes them with PCI, NUMA, RDMA and link attributes under the names aws-dranet
 * uses (plus the Neuron alignment group ids on Trainium), prepares claims with the verbs device
 * nodes, and taints adapters whose port or link is down, whose verbs device is missing or that stop
 * completing admin commands.
 */
package io.dra4j.driver.efa;
