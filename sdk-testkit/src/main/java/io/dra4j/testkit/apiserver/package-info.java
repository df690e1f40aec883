/**
 * An in-process Kubernetes API server for tests: enough of the REST API (resource.k8s.io/v1 and
 * core v1) that unchanged client-java code, and kubectl, talk to it.
 */
package io.dra4j.testkit.apiserver;
