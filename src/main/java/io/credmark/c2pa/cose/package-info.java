/**
 * COSE_Sign1 as C2PA uses it: building and parsing the signature, the Sig_structure, the algorithms allowed (spec 2.2
 * §13.2). Depends on {@code c2pa.cbor} only.
 */
package io.credmark.c2pa.cose;
