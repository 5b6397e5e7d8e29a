package io.credmark.cli;

/** A command line that cannot be run as written. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
