package io.credmark.http;

import io.credmark.identity.TimeStampAuthority;
import io.javalin.http.Context;

/**
 * {@code POST /tsa}: the built-in time-stamping authority over HTTP (RFC 3161 §3.4), so that the deployment's other
 * signers can time-stamp with it. A query that cannot be read is answered, as the RFC has it, with a rejection in
 * a time-stamp reply rather than an HTTP error.
 */
final class TimeStampHandler {

    static final String QUERY = "application/timestamp-query";
    static final String REPLY = "application/timestamp-reply";
    /** A query is a hash and a few small fields; 1 KiB leaves room for a SHA-512 imprint and extensions. */
    static final int MAX_QUERY = 1024;

    private final TimeStampAuthority authority;

    TimeStampHandler(TimeStampAuthority authority) {
        this.authority = authority;
    }

    void respond(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().split(";")[0].trim();
        if (!QUERY.equalsIgnoreCase(type)) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "a time-stamp query is sent as "
                    + QUERY + " (RFC 3161 §3.4)");
        }
        byte[] query = ctx.bodyAsBytes();
        if (query.length > MAX_QUERY) {
            throw new ProblemException(ProblemType.CONTENT_TOO_LARGE, "a time-stamp query is at most " + MAX_QUERY
                    + " bytes");
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(200).contentType(REPLY).result(authority.respond(query));
    }
}
