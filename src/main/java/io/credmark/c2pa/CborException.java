package io.credmark.c2pa;

/** CBOR that is not well formed, or exceeds the reader's limits. Validators turn it into a status code. */
public final class CborException extends C2paException {

    public CborException(String message) {
        super(message);
    }
}
