package io.credmark.c2pa.sign;

/** A time-stamping authority could not be reached, or refused, or answered with something that is not a token. */
public final class TimeStampUnavailableException extends RuntimeException {

    public TimeStampUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public TimeStampUnavailableException(String message) {
        super(message);
    }
}
