/**
 * Container Device Interface specs: one JSON spec per prepared claim, written atomically at the
 * lowest {@code cdiVersion} that expresses its edits, so that every container runtime version that
 * understands the edits accepts the file.
 *
 * <p>Internal to the runtime: not API, and may change in any release.
 */
package io.dra4j.runtime.internal.cdi;
