/**
 * The kubelet plugin registration service: what the plugin watcher learns from {@code GetInfo} and
 * what it reports back through {@code NotifyRegistrationStatus}.
 *
 * <p>Internal to the runtime: not API, and may change in any release.
 */
package io.dra4j.runtime.internal.registration;
