package io.credmark;

/** The caller is known but may not do this, e.g. a creator acting on another creator's credential. */
public final class AccessDeniedException extends RuntimeException {

    public AccessDeniedException(String message) {
        super(message);
    }
}
