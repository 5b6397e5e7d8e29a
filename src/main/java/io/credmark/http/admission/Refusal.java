package io.credmark.http.admission;

/**
 * A request turned away before any work was done for it: 429 when the client is over its own limits, 503 when the
 * service is; either way the client may retry after {@link #retryAfterSeconds()}.
 */
public final class Refusal extends RuntimeException {

    private final boolean clientLimit;
    private final long retryAfterSeconds;

    /**
     * @param clientLimit true for a limit of this client's (429), false for one of the whole service (503)
     */
    public Refusal(boolean clientLimit, long retryAfterSeconds, String detail) {
        super(detail, null, false, false);
        this.clientLimit = clientLimit;
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** True for a limit of this client's (429), false for one of the whole service (503). */
    public boolean clientLimit() {
        return clientLimit;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
