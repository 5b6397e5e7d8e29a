package io.credmark.c2pa.cose;

/** A COSE_Sign1 structure that cannot be read. */
public final class CoseException extends RuntimeException {

    public CoseException(String message) {
        super(message);
    }
}
