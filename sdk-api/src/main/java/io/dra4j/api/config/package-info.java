/**
 * Typed opaque configuration a driver accepts from DeviceClasses and claims.
 *
 * <p>A provider declares {@link io.dra4j.api.config.ConfigKind}s; the SDK decodes matching entries
 * strictly and hands them over as {@link io.dra4j.api.config.AppliedConfig}s in Kubernetes
 * precedence order: class configuration before claim configuration, later entries win.
 */
package io.dra4j.api.config;
