/** Preparing claims: what a provider receives and the container edits it returns. */
package io.dra4j.api.prepare;
