package io.credmark.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.AccessDeniedException;
import io.credmark.ConflictException;
import io.credmark.InvalidInputException;
import io.credmark.Json;
import io.credmark.NotFoundException;
import io.credmark.OverloadedException;
import io.credmark.UnavailableException;
import io.credmark.c2pa.C2paException;
import io.credmark.c2pa.sign.TimeStampUnavailableException;
import io.credmark.http.admission.Refusal;
import io.credmark.provenance.Problem;
import io.credmark.provenance.ProvenanceException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into an {@code application/problem+json} response (RFC 9457). */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private static final ObjectMapper JSON = Json.mapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Long enough for the requests in flight, whose memory the failed one competed for, to finish. */
    static final long EXHAUSTED_RETRY_AFTER_SECONDS = 10;

    private final String base;

    /** @param base the public URL that problem type URIs are made from */
    Problems(String base) {
        this.base = base;
    }

    String typeUri(ProblemType type) {
        return base + "/problems/" + type.slug();
    }

    void respond(Exception e, Context ctx) {
        ProblemException p = from(e, ctx.method().name() + " " + ctx.path());
        // a refused request's body is not read: it may be arriving as slowly as a client cares to send it
        RequestBodies.settleUnreadBody(ctx, p.status() != 413 && p.status() != 408 && p.status() != 429
                && p.status() != 503);
        ctx.status(p.status());
        p.headers().forEach(ctx::header);
        ctx.contentType(MEDIA_TYPE).result(body(p, ctx.path()));
    }

    /** The problem for any failure; unexpected ones are logged with an incident id that the response names. */
    ProblemException from(Throwable e, String request) {
        if (e instanceof ProblemException p) {
            return p;
        }
        Throwable exhaustion = exhaustion(e);
        if (exhaustion != null) {
            return exhausted(exhaustion, request);
        }
        if (e instanceof InvalidInputException i) {
            return switch (i.kind()) {
                case UNSUPPORTED_FORMAT -> new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, i.getMessage());
                case MALFORMED_IMAGE -> new ProblemException(ProblemType.MALFORMED_IMAGE, i.getMessage());
                // byte sizes are refused at the edge with 413, so what the engine finds too large is the pixel count
                case TOO_LARGE -> new ProblemException(ProblemType.PIXEL_LIMIT, i.getMessage());
                case INVALID_DOCUMENT -> invalidDocument(null, i);
                case BAD_REQUEST -> new ProblemException(ProblemType.BAD_REQUEST, i.getMessage());
            };
        }
        if (e instanceof C2paException c) {
            // C2PA data that escaped its validator unread is still the caller's damaged image, not a bug
            return new ProblemException(ProblemType.MALFORMED_IMAGE, c.getMessage());
        }
        if (e instanceof ConflictException c) {
            return new ProblemException(ProblemType.CONFLICT, c.getMessage());
        }
        if (e instanceof NotFoundException n) {
            return new ProblemException(ProblemType.NOT_FOUND, n.getMessage());
        }
        if (e instanceof AccessDeniedException a) {
            return new ProblemException(ProblemType.FORBIDDEN, a.getMessage());
        }
        if (e instanceof TimeStampUnavailableException t) {
            return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, t.getMessage()
                    + "; nothing was stamped or registered").header("Retry-After", "30");
        }
        if (e instanceof Refusal r) {
            return new ProblemException(r.clientLimit() ? ProblemType.TOO_MANY_REQUESTS
                    : ProblemType.SERVICE_UNAVAILABLE, r.getMessage())
                    .header("Retry-After", Long.toString(r.retryAfterSeconds()));
        }
        if (e instanceof HttpResponseException h) {
            return fromJavalin(h, request);
        }
        if (e instanceof OverloadedException o) {
            return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, o.getMessage())
                    .header("Retry-After", Long.toString(o.retryAfterSeconds()));
        }
        String incident = HexFormat.of().formatHex(randomBytes());
        if (e instanceof UnavailableException) {
            LOG.error("incident {}: {} failed: database unavailable", incident, request, e);
            return new ProblemException(ProblemType.SERVICE_UNAVAILABLE,
                    "the credential store is unavailable (incident " + incident + ")")
                    .with("incident", JsonNodeFactory.instance.textNode(incident)).header("Retry-After", "5");
        }
        return internal(e, incident, request);
    }

    private static ProblemException internal(Throwable e, String incident, String request) {
        LOG.error("incident {}: {} failed", incident, request, e);
        return new ProblemException(ProblemType.INTERNAL_ERROR, "an internal error occurred (incident " + incident + ")")
                .with("incident", JsonNodeFactory.instance.textNode(incident));
    }

    /**
     * The problem for an {@link Error} that escaped a handler: resource exhaustion is a 503 the client may retry,
     * anything else an internal error.
     */
    ProblemException fromError(Throwable error, String request) {
        if (exhaustion(error) != null) {
            return exhausted(error, request);
        }
        return internal(error, HexFormat.of().formatHex(randomBytes()), request);
    }

    /**
     * The heap or the stack ran out while serving a request, in {@code e} or any of its causes. The request was not
     * at fault (inputs are bounded before pixels are decoded) and the memory it held is free again once it unwinds,
     * so the service lives on and the client may retry; what failed is logged once, without the trace, which says
     * nothing the message does not and would itself need memory.
     */
    static Throwable exhaustion(Throwable e) {
        for (Throwable t = e, seen = null; t != null && t != seen; seen = t, t = t.getCause()) {
            if (t instanceof OutOfMemoryError || t instanceof StackOverflowError) {
                return t;
            }
        }
        return null;
    }

    private ProblemException exhausted(Throwable cause, String request) {
        String incident = HexFormat.of().formatHex(randomBytes());
        LOG.error("incident {}: {} ran out of resources: {}", incident, request, cause.toString());
        return new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "the service ran out of memory for this request;"
                + " retry later (incident " + incident + ")")
                .with("incident", JsonNodeFactory.instance.textNode(incident))
                .header("Retry-After", Long.toString(EXHAUSTED_RETRY_AFTER_SECONDS));
    }

    /**
     * A 422 listing each problem of a JSON document with its path.
     *
     * @param part the request part the document came in (e.g. {@code provenance}), or {@code null}
     */
    static ProblemException invalidDocument(String part, InvalidInputException e) {
        List<Problem> problems = e instanceof ProvenanceException p ? p.problems()
                : List.of(new Problem(e.path(), e.problem()));
        ArrayNode errors = JsonNodeFactory.instance.arrayNode();
        for (Problem problem : problems) {
            ObjectNode n = errors.addObject();
            if (part != null) {
                n.put("part", part);
            }
            n.put("path", problem.path());
            n.put("message", problem.message());
        }
        String detail = part == null ? e.getMessage() : part + ": " + e.getMessage();
        return new ProblemException(ProblemType.INVALID_DOCUMENT, detail).with("errors", errors);
    }

    byte[] body(ProblemException p, String instance) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", typeUri(p.type()));
        n.put("title", p.type() == ProblemType.HTTP_ERROR ? "HTTP " + p.status() : p.type().title());
        n.put("status", p.status());
        n.put("detail", p.getMessage());
        if (instance != null) {
            n.put("instance", instance);
        }
        p.extensions().forEach(n::set);
        try {
            return JSON.writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException fromJavalin(HttpResponseException h, String request) {
        int status = h.getStatus();
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (status) {
            case 404 -> "no route for " + request;
            case 405 -> request + " is not allowed";
            case 413 -> "the request body is larger than the service accepts";
            default -> h.getMessage();
        };
        ProblemException p = new ProblemException(type, status, detail);
        if (h instanceof MethodNotAllowedResponse) {
            Map<String, String> details = h.getDetails();
            String allowed = details.getOrDefault("availableMethods", details.get("Available methods"));
            if (allowed != null) {
                p.header("Allow", allowed);
            }
        }
        return p;
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return b;
    }
}
