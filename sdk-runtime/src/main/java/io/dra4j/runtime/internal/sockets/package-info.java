/**
 * Unix domain socket gRPC servers for the kubelet: socket naming within the 108-byte limit, server
 * lifecycle on daemon event loops, and the cross-instance lock used during rolling updates.
 *
 * <p>Internal to the runtime: not API, and may change in any release.
 */
package io.dra4j.runtime.internal.sockets;
