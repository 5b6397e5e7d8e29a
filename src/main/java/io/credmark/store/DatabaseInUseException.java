package io.credmark.store;

/** The database is an H2 file that another process, such as a running service, holds open and locked. */
public final class DatabaseInUseException extends StoreException {

    public DatabaseInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
