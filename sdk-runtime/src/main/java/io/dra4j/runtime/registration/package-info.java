/**
 * The kubelet plugin registration service: what the plugin watcher learns from {@code GetInfo} and
 * what it reports back through {@code NotifyRegistrationStatus}.
 */
package io.dra4j.runtime.registration;
