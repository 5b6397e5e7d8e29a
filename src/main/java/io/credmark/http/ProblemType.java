package io.credmark.http;

/**
 * The kinds of error the API answers with, each a problem type of RFC 9457 whose URI is
 * {@code PUBLIC_URL/problems/SLUG} (a page describing it).
 */
enum ProblemType {
    BAD_REQUEST("bad-request", 400, "Bad request",
            "The request cannot be read: a missing or malformed part, header or parameter."),
    UNAUTHORIZED("unauthorized", 401, "Unauthorized",
            "This route needs an API key or, on a creator's routes, the creator's token, sent as 'Authorization:"
                    + " Bearer KEY', and none or an unknown one was sent."),
    API_KEY_REVOKED("api-key-revoked", 403, "API key revoked",
            "The API key was revoked; ask the service's administrator for a new one."),
    FORBIDDEN("forbidden", 403, "Forbidden", "The key or token is valid but may not do this: a stamp key on an admin"
            + " route, a front end's API key on a creator's route, or another creator's token."),
    NOT_FOUND("not-found", 404, "Not found", "There is nothing at this address."),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed",
            "The address exists but does not answer this method; the Allow header lists those it does."),
    CONFLICT("conflict", 409, "Conflict", "The request would create something that already exists."),
    CONTENT_TOO_LARGE("content-too-large", 413, "Content too large",
            "The request body, or the image in it, is larger than the service accepts."),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type",
            "The image is not a PNG or JPEG (judged by its content, not its name or Content-Type), or the request"
                    + " body is not of a type the route takes."),
    INVALID_DOCUMENT("invalid-document", 422, "Invalid document",
            "A JSON document in the request (provenance, options) is not valid; 'errors' lists each problem with its"
                    + " JSON path."),
    MALFORMED_IMAGE("malformed-image", 422, "Malformed image",
            "The image is recognised as PNG or JPEG but its container is damaged (truncated, inconsistent lengths,"
                    + " more than one C2PA manifest store, …)."),
    PIXEL_LIMIT("pixel-limit", 422, "Too many pixels",
            "The image's header declares more pixels than the service accepts; nothing was decoded."),
    TOO_MANY_REQUESTS("too-many-requests", 429, "Too many requests",
            "This client (an API key, a creator, or an address), or this credential, is over one of its limits:"
                    + " requests a minute, or requests in progress at once. Retry-After says when to try again."),
    INTERNAL_ERROR("internal-error", 500, "Internal error",
            "Something failed inside the service. The 'incident' member identifies it in the service's log."),
    SERVICE_UNAVAILABLE("service-unavailable", 503, "Service unavailable",
            "The service cannot answer now, e.g. its database is unreachable or it is at its concurrency limit;"
                    + " retry later."),
    HTTP_ERROR("http-error", 0, "HTTP error", "The request was refused by the HTTP server itself (e.g. headers too"
            + " large, a malformed request line); 'status' gives the code.");

    private final String slug;
    private final int status;
    private final String title;
    private final String description;

    ProblemType(String slug, int status, String title, String description) {
        this.slug = slug;
        this.status = status;
        this.title = title;
        this.description = description;
    }

    public String slug() {
        return slug;
    }

    /** The status code this type is always sent with; 0 for {@link #HTTP_ERROR}, whose status varies. */
    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public static java.util.Optional<ProblemType> bySlug(String slug) {
        for (ProblemType t : values()) {
            if (t.slug.equals(slug)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    /** The type for an HTTP status that arrives without one (from Javalin or Jetty). */
    public static ProblemType forStatus(int status) {
        for (ProblemType t : values()) {
            if (t.status == status && t != API_KEY_REVOKED && t != MALFORMED_IMAGE && t != PIXEL_LIMIT) {
                return t;
            }
        }
        return HTTP_ERROR;
    }
}
