package io.credmark.c2pa;

/** A COSE_Sign1 structure that cannot be read. */
public final class CoseException extends C2paException {

    public CoseException(String message) {
        super(message);
    }
}
