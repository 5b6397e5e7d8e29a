package io.credmark.http;

import io.credmark.provenance.ProvenanceLimits;
import io.credmark.service.ServiceNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of one service node on Javalin: routes, authentication, limits, problem responses and metrics.
 * Handlers are thin; what they do is in {@link ServiceNode}'s use cases.
 */
public final class HttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final String STARTED_AT = "credmark.startedAt";
    /** Multipart framing, part headers, and slack for the small parts beside the image. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final Javalin app;

    private HttpServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts serving on the listener.
     *
     * @param maxConcurrentUploads stamp, verify and match-by-content requests handled at once; further ones wait (up
     *                             to 30 s, then 503), which bounds the memory that uploads of up to the byte limit
     *                             can take
     */
    public static HttpServer start(Listener listener, ServiceNode node, int maxConcurrentUploads) {
        String base = node.credentials().links().base();
        long maxImage = node.limits().maxBytes();
        long maxStamp = maxImage + ProvenanceLimits.MAX_DOCUMENT_BYTES + StampHandler.MAX_OPTIONS_BYTES
                + MULTIPART_OVERHEAD;
        Problems problems = new Problems(base);
        Metrics metrics = new Metrics();
        Authenticator auth = new Authenticator(node.apiKeys(), node.creators());
        RequestBodies bodies = new RequestBodies(Path.of(System.getProperty("java.io.tmpdir")));
        Semaphore uploads = new Semaphore(maxConcurrentUploads, true);

        CredentialHandlers credentials = new CredentialHandlers(node.credentials(), auth);
        CreatorHandlers creators = new CreatorHandlers(node.creators(), node.models(), node.credentials(), auth);
        ApiKeyHandlers keys = new ApiKeyHandlers(node.apiKeys());
        SystemHandlers system = new SystemHandlers(node, metrics, problems, base);
        SoftBindingHandlers softBinding = new SoftBindingHandlers(node.credentials(), maxImage);
        List<Route> routes = List.of(
                new Route(HandlerType.POST, "/v1/stamp", Access.API_KEY, maxStamp, bounded(uploads,
                        new StampHandler(node.credentials(), bodies, metrics, maxImage, maxStamp))),
                new Route(HandlerType.POST, "/v1/verify", Access.PUBLIC,
                        maxImage + VerifyHandler.MAX_EVIDENCE_BYTES + MULTIPART_OVERHEAD,
                        bounded(uploads, new VerifyHandler(node.credentials(), bodies, metrics, maxImage, auth))),
                new Route(HandlerType.GET, "/v1/credentials/{id}", Access.PUBLIC, 0, credentials::json),
                new Route(HandlerType.GET, "/c/{id}", Access.PUBLIC, 0, credentials::page),
                // creators, their models and disclosure (docs/disclosure.md)
                new Route(HandlerType.PUT, "/v1/credentials/{id}/disclosure", Access.CREATOR,
                        CredentialHandlers.MAX_POLICY_BODY, credentials::putDisclosure),
                new Route(HandlerType.DELETE, "/v1/credentials/{id}/disclosure", Access.CREATOR, 0,
                        credentials::deleteDisclosure),
                new Route(HandlerType.GET, "/v1/credentials/{id}/evidence", Access.CREATOR, 0, credentials::evidence),
                new Route(HandlerType.POST, "/v1/creators", Access.ADMIN, CreatorHandlers.MAX_BODY, creators::register),
                new Route(HandlerType.GET, "/v1/creators/{handle}", Access.PUBLIC, 0, creators::get),
                new Route(HandlerType.POST, "/v1/creators/{handle}/token", Access.ADMIN, 0, creators::reissueToken),
                new Route(HandlerType.GET, "/v1/creators/{handle}/disclosure", Access.CREATOR, 0,
                        creators::getDisclosure),
                new Route(HandlerType.PUT, "/v1/creators/{handle}/disclosure", Access.CREATOR,
                        CredentialHandlers.MAX_POLICY_BODY, creators::putDisclosure),
                new Route(HandlerType.GET, "/v1/creators/{handle}/credentials", Access.CREATOR, 0,
                        creators::listCredentials),
                new Route(HandlerType.GET, "/v1/creators/{handle}/models", Access.PUBLIC, 0, creators::listModels),
                new Route(HandlerType.POST, "/v1/creators/{handle}/models", Access.CREATOR,
                        CreatorHandlers.MAX_MODEL_BODY, creators::createModel),
                new Route(HandlerType.GET, "/v1/creators/{handle}/models/{modelId}", Access.PUBLIC, 0,
                        creators::getModel),
                new Route(HandlerType.PUT, "/v1/creators/{handle}/models/{modelId}", Access.CREATOR,
                        CreatorHandlers.MAX_MODEL_BODY, creators::putModel),
                new Route(HandlerType.GET, "/m/{modelId}", Access.PUBLIC, 0, creators::modelPage),
                new Route(HandlerType.GET, "/v1/api-keys", Access.ADMIN, 0, keys::list),
                new Route(HandlerType.POST, "/v1/api-keys", Access.ADMIN, ApiKeyHandlers.MAX_BODY, keys::create),
                new Route(HandlerType.DELETE, "/v1/api-keys/{name}", Access.ADMIN, 0, keys::revoke),
                // the C2PA Soft Binding Resolution API over the invisible watermark (docs/watermark.md)
                new Route(HandlerType.GET, "/matches/byBinding", Access.PUBLIC, 0, softBinding::byBindingQuery),
                new Route(HandlerType.POST, "/matches/byBinding", Access.PUBLIC, SoftBindingHandlers.MAX_QUERY_BODY,
                        softBinding::byBindingDocument),
                new Route(HandlerType.OPTIONS, "/matches/byBinding", Access.PUBLIC, 0,
                        ctx -> Cors.preflight(ctx, "GET, POST, OPTIONS")),
                new Route(HandlerType.POST, "/matches/byContent", Access.PUBLIC, maxImage,
                        bounded(uploads, softBinding::byContent)),
                new Route(HandlerType.OPTIONS, "/matches/byContent", Access.PUBLIC, 0,
                        ctx -> Cors.preflight(ctx, "POST, OPTIONS")),
                new Route(HandlerType.GET, "/manifests/{manifestId}", Access.PUBLIC, 0, softBinding::manifest),
                new Route(HandlerType.GET, "/services/supportedAlgorithms", Access.PUBLIC, 0,
                        softBinding::supportedAlgorithms),
                new Route(HandlerType.GET, "/v1/trust/anchors", Access.PUBLIC, 0, system::trustAnchors),
                new Route(HandlerType.POST, "/tsa", Access.PUBLIC, TimeStampHandler.MAX_QUERY,
                        new TimeStampHandler(node.engine().timeStampAuthority())::respond),
                new Route(HandlerType.GET, "/healthz", Access.PUBLIC, 0, system::health),
                new Route(HandlerType.GET, "/metrics", Access.PUBLIC, 0, system::metrics),
                new Route(HandlerType.GET, "/openapi.json", Access.PUBLIC, 0, system::openApi),
                new Route(HandlerType.GET, "/problems/{slug}", Access.PUBLIC, 0, system::problemType));
        List<Route> all = Stream.concat(routes.stream(), new WebHandlers(node.credentials()).routes().stream())
                .toList();

        Javalin app = Javalin.create(c -> {
            c.unsafe.jettyInternal.server = listener.server();
            c.startup.showJavalinBanner = false;
            c.startup.startupWatcherEnabled = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.http.prefer405over404 = true;
            c.http.maxRequestSize = maxStamp;
            c.router.javaLangErrorHandler((res, error) -> {
                LOG.error("fatal error while serving a request", error);
                if (!res.isCommitted()) {
                    res.reset();
                    res.setStatus(500);
                    res.setContentType(Problems.MEDIA_TYPE);
                    try {
                        res.getOutputStream().write(problems.body(new ProblemException(ProblemType.INTERNAL_ERROR,
                                "an internal error occurred"), null));
                    } catch (java.io.IOException ignored) {
                        // the client is gone
                    }
                }
            });
            c.requestLogger.http((ctx, ms) -> metrics.request(ctx.method().name(), routeOf(ctx), ctx.statusCode(),
                    seconds(ctx, ms)));
            c.routes.before(ctx -> {
                ctx.attribute(STARTED_AT, System.nanoTime());
                ctx.header("X-Content-Type-Options", "nosniff");
            });
            for (Route r : all) {
                c.routes.addHttpHandler(r.method(), r.path(), guarded(r, auth));
            }
            c.routes.exception(HttpResponseException.class, problems::respond);
            c.routes.exception(Exception.class, problems::respond);
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            listener.close();
            throw e;
        }
        return new HttpServer(app);
    }

    public int port() {
        return app.port();
    }

    /** {@code METHOD path} of every route the router serves, as registered with Javalin. */
    public List<String> registeredRoutes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream().map(p -> p.endpoint)
                .filter(e -> e.method.isHttpMethod()).map(e -> e.method.name() + " " + e.path).sorted().toList();
    }

    /** Stops accepting requests, lets those in flight finish, and stops. */
    @Override
    public void close() {
        app.stop();
    }

    private static Handler guarded(Route route, Authenticator auth) {
        boolean crossOrigin = Cors.isOpen(route);
        return ctx -> {
            if (crossOrigin) {
                Cors.allow(ctx);
            }
            RequestBodies.checkDeclaredLength(ctx, route.maxBody());
            auth.require(ctx, route.access());
            route.handler().handle(ctx);
        };
    }

    private static Handler bounded(Semaphore permits, Handler handler) {
        return ctx -> {
            if (!permits.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, "the service is busy; retry later")
                        .header("Retry-After", "5");
            }
            try {
                handler.handle(ctx);
            } finally {
                permits.release();
            }
        };
    }

    private static String routeOf(Context ctx) {
        Endpoint e = ctx.endpoints().lastHttpEndpoint();
        return e == null || e.path.isEmpty() ? "unmatched" : e.path;
    }

    private static double seconds(Context ctx, Float ms) {
        Long started = ctx.attribute(STARTED_AT);
        return started != null ? (System.nanoTime() - started) / 1e9 : ms / 1000.0;
    }
}
