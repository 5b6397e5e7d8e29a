package io.credmark.c2pa.validate;

import java.time.Instant;
import java.util.Optional;

/**
 * Who signed a claim, as the certificate says.
 *
 * @param signedAt the time-stamp's time when the signature carries a time-stamp
 */
public record SignerInfo(String organization, String commonName, String issuer, String algorithm,
        Instant notBefore, Instant notAfter, Optional<Instant> signedAt) {
}
