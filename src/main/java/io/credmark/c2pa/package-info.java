/**
 * C2PA reading and writing (spec 2.2), in sub-packages from the bytes up: {@code cbor}, {@code jumbf}, {@code cose},
 * {@code claim}, {@code assertion}, then {@code sign} and {@code validate}. This package holds what they share: the
 * sealed {@link io.credmark.c2pa.C2paException} family, the one way C2PA data is refused as unreadable. Depends on
 * nothing above the core.
 */
package io.credmark.c2pa;
