package io.credmark.http;

import io.credmark.http.admission.Client;
import io.credmark.http.admission.InFlight;
import io.credmark.http.admission.RateLimiter;
import io.credmark.http.admission.Refusal;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Admits requests that cost work, in this order: the client's rate budget, the client's requests in progress, the
 * body received whole (spooled), and only then one of the places that bound the work done at once. Stamps and
 * anonymous uploads have places of their own, so anonymous traffic can never starve stamping.
 */
final class Admission {

    /** Who a route serves, which decides its budget and its places. */
    enum Lane { STAMP, VERIFY, LOOKUP }

    private static final String BODY = "credmark.spooledBody";
    /** How long an admitted request whose body has arrived waits for a place before 503. */
    private static final long PLACE_WAIT_SECONDS = 20;

    private final Authenticator auth;
    private final RequestBodies bodies;
    private final HttpLimits limits;
    private final InFlight inFlight;
    private final RateLimiter stamps;
    private final RateLimiter verifies;
    private final RateLimiter lookups;
    private final RateLimiter reportsByClient;
    private final RateLimiter reportsAbout;
    private final Semaphore stampPlaces;
    private final Semaphore verifyPlaces;

    Admission(Authenticator auth, RequestBodies bodies, HttpLimits limits) {
        this.auth = auth;
        this.bodies = bodies;
        this.limits = limits;
        this.inFlight = new InFlight(limits.maxRequestsPerClient(), limits.maxAnonymousBodies());
        this.stamps = new RateLimiter("stamps from this client", limits.stampsPerMinute());
        this.verifies = new RateLimiter("verify and match-by-content requests from this client",
                limits.verifiesPerMinute());
        this.lookups = new RateLimiter("requests from this client", limits.lookupsPerMinute());
        this.reportsByClient = new RateLimiter("reports from this client", limits.reportsPerClientPerHour(),
                Duration.ofHours(1));
        this.reportsAbout = new RateLimiter("reports about this credential", limits.reportsPerCredentialPerHour(),
                Duration.ofHours(1));
        this.stampPlaces = new Semaphore(limits.maxConcurrentStamps(), true);
        this.verifyPlaces = new Semaphore(limits.maxConcurrentVerifies(), true);
    }

    /** A route that uploads an image: the body is received before the request takes a place. */
    Handler upload(Lane lane, long maxBody, Handler handler) {
        return ctx -> {
            Client client = client(ctx, lane);
            budget(lane).take(client);
            inFlight.enter(client);
            boolean anonymous = lane != Lane.STAMP;
            try (Received received = receive(ctx, maxBody, anonymous)) {
                Semaphore places = lane == Lane.STAMP ? stampPlaces : verifyPlaces;
                if (!places.tryAcquire(PLACE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new Refusal(false, 5, "the service is busy; retry later");
                }
                try {
                    handler.handle(ctx);
                } finally {
                    places.release();
                }
            } finally {
                RequestBodies.removeTemporaryFiles(ctx);
                inFlight.leave(client);
            }
        };
    }

    /** An anonymous route that reads the database (and at most a small body) for each request. */
    Handler lookup(Handler handler) {
        return ctx -> {
            Client client = client(ctx, Lane.LOOKUP);
            lookups.take(client);
            inFlight.enter(client);
            boolean body = ctx.req().getContentLengthLong() > 0
                    || ctx.req().getHeader("Transfer-Encoding") != null;
            try {
                if (body) {
                    inFlight.receivingBody();
                }
                try {
                    handler.handle(ctx);
                } finally {
                    if (body) {
                        inFlight.bodyReceived();
                    }
                }
            } finally {
                inFlight.leave(client);
            }
        };
    }

    /**
     * Takes one misuse report about {@code credential} from the reporting client's budget and from the credential's
     * (many clients may report one credential, and one client many).
     *
     * @throws Refusal 429 with Retry-After when either is spent
     */
    void report(Context ctx, String credential) {
        reportsByClient.take(client(ctx, Lane.LOOKUP));
        reportsAbout.take(credential);
    }

    /** The body received by {@link #upload}, if it was not multipart. */
    static SpooledBody spooled(Context ctx) {
        return ctx.attribute(BODY);
    }

    private RateLimiter budget(Lane lane) {
        return switch (lane) {
            case STAMP -> stamps;
            case VERIFY -> verifies;
            case LOOKUP -> lookups;
        };
    }

    /** The key a stamp was authenticated with; on public routes a valid key or creator token, else the address. */
    private Client client(Context ctx, Lane lane) {
        if (lane == Lane.STAMP) {
            return Client.apiKey(Authenticator.key(ctx).name());
        }
        return auth.principal(ctx).orElseGet(() -> Client.address(ctx.req().getRemoteAddr(),
                limits.trustedProxyHeader() == null ? null : ctx.header(limits.trustedProxyHeader())));
    }

    /** What {@link #receive} holds until the request ends: temporary files to remove. */
    private interface Received extends AutoCloseable {
        @Override
        void close();
    }

    private Received receive(Context ctx, long maxBody, boolean anonymous) throws IOException {
        if (anonymous) {
            inFlight.receivingBody();
        }
        try {
            if (RequestBodies.isMultipart(ctx)) {
                Collection<Part> parts = bodies.receiveParts(ctx, maxBody);
                return () -> parts.forEach(Admission::delete);
            }
            SpooledBody body = bodies.spool(ctx, maxBody);
            ctx.attribute(BODY, body);
            return body::close;
        } finally {
            if (anonymous) {
                inFlight.bodyReceived();
            }
        }
    }

    private static void delete(Part part) {
        try {
            part.delete();
        } catch (IOException ignored) {
            // the temporary directory is cleaned by the system in the end
        }
    }
}
