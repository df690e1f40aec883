/**
 * Side-by-side benchmark of a dra4j driver and a reference driver built on the Go {@code
 * kubeletplugin} helper: both serve the same devices and do the same prepare work, and one load
 * generator plays the kubelet against each in turn, with both talking to the same in-memory API
 * server.
 */
package io.dra4j.bench.sidebyside;
