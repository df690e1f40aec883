/** The smallest useful driver: four devices per node, an environment variable per container. */
package io.dra4j.examples.minimal;
