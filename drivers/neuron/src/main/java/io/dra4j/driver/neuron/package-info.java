/**
 * The AWS Neuron (Trainium, Inferentia) DRA driver {@code neuron.aws.com}: discovers Neuron devices
 * from sysfs, publishes them with the attributes of the upstream driver, prepares claims with
 * device nodes and Neuron runtime environment, and taints devices with uncorrected ECC errors.
 */
package io.dra4j.driver.neuron;
