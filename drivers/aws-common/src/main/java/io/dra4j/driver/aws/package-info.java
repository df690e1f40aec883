/**
 * AWS facts shared by the Neuron and EFA drivers: instance types, the Neuron-to-EFA maps and the
 * device-group ids both drivers publish so that claims can align Neuron devices with EFA adapters.
 */
package io.dra4j.driver.aws;
