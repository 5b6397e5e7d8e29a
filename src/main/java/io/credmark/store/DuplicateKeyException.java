package io.credmark.store;

/** An insert collided with an existing row on a primary key or unique constraint. */
public final class DuplicateKeyException extends StoreException {

    public DuplicateKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
