/**
 * A simulated kubelet that drives DRA plugins over real unix sockets: plugin watcher and
 * registration, NodePrepareResources and NodeUnprepareResources with the kubelet's batching and
 * error rules, ResourceSlice wiping, the health stream consumer and the container view of CDI
 * devices.
 */
package io.dra4j.testkit.kubelet;
