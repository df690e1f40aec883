/**
 * A load generator that plays the kubelet against a driver over its unix sockets: GetInfo on the
 * registration socket, timed NodePrepareResources and NodeUnprepareResources on the service socket.
 */
package io.dra4j.bench.load;
