/**
 * The command-line edge: stamp, verify, keys, serve, bench. Starts from {@code app}'s wiring like the server does.
 */
package io.credmark.cli;
