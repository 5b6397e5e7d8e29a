/**
 * The C2PA claim (v2) and hashed URIs that bind assertions to it (spec 2.2 §10, §8.3). Depends on {@code c2pa.cbor}
 * only.
 */
package io.credmark.c2pa.claim;
