package io.credmark.c2pa.validate;

import java.time.Instant;
import java.util.Optional;

/**
 * Who signed a claim, as the certificate says.
 *
 * @param signedAt          the time-stamp's time when the signature carries a time-stamp
 * @param certificateSha256 SHA-256 of the signer certificate (the leaf, DER as carried in x5chain), lower-case hex:
 *                          tells one signer from another that writes the same names
 */
public record SignerInfo(String organization, String commonName, String issuer, String algorithm,
        Instant notBefore, Instant notAfter, Optional<Instant> signedAt, String certificateSha256) {
}
