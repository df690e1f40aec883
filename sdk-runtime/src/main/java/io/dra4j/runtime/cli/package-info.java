/**
 * Command-line flags of the driver process, each with the environment variable a DaemonSet sets;
 * bad input fails fast with a message that names the flag and the fix.
 */
package io.dra4j.runtime.cli;
