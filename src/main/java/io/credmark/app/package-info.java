/**
 * Wiring: the configuration read in one place, the engine (signer, trust anchors, watermark key) and a service node
 * with its database and use cases. The CLI and the HTTP server both start from here. Depends on everything below it;
 * nothing but the edges ({@code http}, {@code cli}) depends on it.
 */
package io.credmark.app;
