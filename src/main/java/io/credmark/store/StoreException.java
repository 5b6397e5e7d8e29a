package io.credmark.store;

import io.credmark.UnavailableException;

/** The database could not do what was asked: it is unreachable, or a statement failed. */
public class StoreException extends UnavailableException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
