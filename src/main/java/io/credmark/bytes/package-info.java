/**
 * Byte-level helpers every layer shares: big-endian reads, a growable sink, SHA-256, secret key files. Depends on
 * nothing in credmark.
 */
package io.credmark.bytes;
