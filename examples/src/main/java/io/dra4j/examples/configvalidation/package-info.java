/**
 * Example: a typed opaque configuration with precise, per-claim errors (unknown field, wrong type,
 * bad enum value, out-of-range number).
 */
package io.dra4j.examples.configvalidation;
