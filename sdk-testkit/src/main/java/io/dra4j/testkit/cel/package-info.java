/**
 * The CEL environment of Kubernetes DRA device selectors: the {@code device} variable, the
 * Kubernetes {@code quantity} and {@code semver} libraries, and a program cache.
 */
package io.dra4j.testkit.cel;
