/**
 * Command-line flags of the driver process, each with the environment variable a DaemonSet sets;
 * bad input fails fast with a message that names the flag and the fix.
 *
 * <p>Internal to the runtime: not API, and may change in any release.
 */
package io.dra4j.runtime.internal.cli;
