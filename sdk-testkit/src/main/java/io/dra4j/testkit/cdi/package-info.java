/**
 * A container runtime's view of CDI: strict spec parsing, directory priority and device injection
 * into what a container would get.
 */
package io.dra4j.testkit.cdi;
