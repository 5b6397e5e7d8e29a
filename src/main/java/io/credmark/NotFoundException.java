package io.credmark;

/** What the request names does not exist: a credential, creator or model. */
public final class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
