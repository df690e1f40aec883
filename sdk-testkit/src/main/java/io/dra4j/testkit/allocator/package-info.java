/**
 * The Kubernetes structured-parameters allocator for tests and simulations: first-fit, depth-first
 * backtracking over ResourceSlices with CEL selectors, constraints, prioritized lists, admin
 * access, shared counters and taints, plus {@code explain} for claims that do not fit.
 */
package io.dra4j.testkit.allocator;
