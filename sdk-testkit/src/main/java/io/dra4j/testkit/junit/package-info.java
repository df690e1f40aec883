/**
 * JUnit 5 integration of the testkit: {@link io.dra4j.testkit.junit.DraTest} on a test class, or
 * {@link io.dra4j.testkit.junit.DraExtension} registered in one line, gives the tests a started
 * {@link io.dra4j.testkit.cluster.DraCluster}.
 */
package io.dra4j.testkit.junit;
