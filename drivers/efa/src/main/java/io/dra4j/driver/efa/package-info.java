/**
 * The AWS Elastic Fabric Adapter DRA driver {@code efa.networking.k8s.aws}: discovers EFA adapters
 * from sysfs, publishes them with PCI, NUMA, RDMA and link attributes (plus the Neuron alignment
 * group ids on Trainium), prepares claims with the verbs device nodes, and taints adapters whose
 * port is not active.
 */
package io.dra4j.driver.efa;
