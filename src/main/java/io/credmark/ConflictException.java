package io.credmark;

/** The request would create something that already exists, e.g. an API key with a name in use. */
public final class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
