/** Tolerant readers for sysfs attribute files and links, shared by the AWS drivers. */
package io.dra4j.driver.aws.sysfs;
