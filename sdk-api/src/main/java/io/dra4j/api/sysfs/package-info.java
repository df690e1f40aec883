/**
 * Tolerant readers for sysfs attribute files and links: what a driver reads during discovery and
 * health checks, with "not there" as an empty value instead of an exception.
 */
package io.dra4j.api.sysfs;
