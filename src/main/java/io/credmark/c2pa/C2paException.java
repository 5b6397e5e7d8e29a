package io.credmark.c2pa;

/**
 * C2PA data that cannot be read: CBOR that is not well formed, a COSE_Sign1 or claim that breaks its structure, a
 * manifest store that cannot be loaded. Each says what is wrong in one line that is safe to show; the validators
 * turn them into status codes (spec 2.2 §15). Anything else thrown while reading C2PA is a bug and is not caught as
 * one of these.
 */
public abstract sealed class C2paException extends RuntimeException
        permits CborException, CoseException, ClaimException, ManifestUnreadableException {

    C2paException(String message) {
        super(message);
    }
}
