/**
 * Definite-length CBOR writing and bounded reading over Jackson CBOR, as C2PA requires (spec 2.2 §6.3 deterministic
 * encoding). Depends on nothing in credmark.
 */
package io.credmark.c2pa.cbor;
