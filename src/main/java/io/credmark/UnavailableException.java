package io.credmark;

/**
 * Something the service needs cannot be reached or failed under it, such as its database: the request was fine and
 * may succeed when retried. The HTTP edge answers 503 with {@code Retry-After}; the CLI exits with 3.
 */
public class UnavailableException extends RuntimeException {

    public UnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
