package io.credmark.store;

/** The database could not do what was asked: it is unreachable, or a statement failed. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
