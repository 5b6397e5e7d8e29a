/**
 * Byte-level helpers every format layer shares: big-endian reads, a growable sink, SHA-256. Depends on nothing in
 * credmark.
 */
package io.credmark.bytes;
