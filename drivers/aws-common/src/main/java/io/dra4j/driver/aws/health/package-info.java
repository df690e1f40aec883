/**
 * Device health for the AWS drivers: turns health findings into the kubelet health report and into
 * {@code NoSchedule} device taints on the published ResourceSlices.
 */
package io.dra4j.driver.aws.health;
