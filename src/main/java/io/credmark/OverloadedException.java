package io.credmark;

/**
 * The service is busy with other work and this request did not fit in time: it was fine and may succeed after
 * {@link #retryAfterSeconds()}. The HTTP edge answers 503 with {@code Retry-After}; the CLI exits with 3.
 */
public final class OverloadedException extends UnavailableException {

    private final long retryAfterSeconds;

    public OverloadedException(String message, long retryAfterSeconds) {
        super(message, null);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
