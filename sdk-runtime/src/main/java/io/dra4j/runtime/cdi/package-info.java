/**
 * Container Device Interface specs: one JSON spec per prepared claim, written atomically at the
 * lowest {@code cdiVersion} that expresses its edits, so that every container runtime version that
 * understands the edits accepts the file.
 */
package io.dra4j.runtime.cdi;
