/**
 * An in-process Kubernetes API server for tests: enough of the REST API (resource.k8s.io/v1 and
 * core v1) that unchanged client-java code, and kubectl, talk to it. {@link
 * io.dra4j.testkit.apiserver.FakeApiServer} is the front; behind it the {@code ObjectStore} keeps
 * the objects, the {@code RestHandler} answers HTTP, {@code Admission} validates every write,
 * {@link io.dra4j.testkit.apiserver.Faults} injects failures and {@link
 * io.dra4j.testkit.apiserver.RequestLog} records the requests answered.
 */
package io.dra4j.testkit.apiserver;
