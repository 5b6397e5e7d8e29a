package io.credmark.c2pa.sign;

/**
 * An RFC 3161 time-stamping authority, as the signer of a manifest uses it: asked for a token over some bytes after
 * the claim is signed (spec 2.2 §10.3.2.5), so the space for the token is reserved before.
 */
public interface TimeStamper {

    /** Bytes to reserve in the signature box for one token from this authority. */
    int reservedLength();

    /**
     * A time-stamp token whose message imprint is the SHA-256 of {@code data}.
     *
     * @throws TimeStampUnavailableException when the authority cannot be reached or answers with no token
     */
    TimeStamp timeStamp(byte[] data);
}
