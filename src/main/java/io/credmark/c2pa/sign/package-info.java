/**
 * Writing C2PA manifests: laying out and signing a claim (v2) and its store, with a COSE signature and, when an
 * authority is configured, an RFC 3161 time-stamp over it.
 */
package io.credmark.c2pa.sign;
