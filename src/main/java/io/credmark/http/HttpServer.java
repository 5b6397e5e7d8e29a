package io.credmark.http;

import io.credmark.app.ServiceNode;
import io.credmark.http.Admission.Lane;
import io.credmark.provenance.ProvenanceLimits;
import io.credmark.app.UsageNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import java.util.List;
import java.util.stream.Stream;

/**
 * The HTTP API of one service node on Javalin: routes, authentication, limits, problem responses and metrics.
 * Handlers are thin; what they do is in {@link ServiceNode}'s use cases.
 */
public final class HttpServer implements AutoCloseable {

    private static final String STARTED_AT = "credmark.startedAt";
    /** Multipart framing, part headers, and slack for the small parts beside the image. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final Javalin app;
    private final Metrics metrics;
    private final UsageNode usage;
    private final SpillDirectory spill;

    private HttpServer(Javalin app, Metrics metrics, UsageNode usage, SpillDirectory spill) {
        this.app = app;
        this.metrics = metrics;
        this.usage = usage;
        this.spill = spill;
    }

    /**
     * Starts serving on the listener.
     *
     * @param limits what one client may do, and how many uploads are worked on at once; the latter bounds the memory
     *               that uploads of up to the byte limit can take
     */
    public static HttpServer start(Listener listener, ServiceNode node, HttpLimits limits) {
        String base = node.links().base();
        long maxImage = node.limits().maxBytes();
        UploadLimits uploads = UploadLimits.from(node.settings(), maxImage);
        long maxVerify = uploads.maxUploadBytes() + VerifyHandler.MAX_EVIDENCE_BYTES + MULTIPART_OVERHEAD;
        long maxStamp = uploads.maxUploadBytes() + ProvenanceLimits.MAX_DOCUMENT_BYTES
                + StampHandler.MAX_OPTIONS_BYTES + MULTIPART_OVERHEAD;
        Problems problems = new Problems(base);
        Metrics metrics = new Metrics();
        metrics.bindJetty(listener.server());
        node.recordPoolMetrics(metrics.registry());
        Authenticator auth = new Authenticator(node.apiKeys(), node.creators());
        SpillDirectory spill = SpillDirectory.open(node.settings().tempDirectory());
        RequestBodies bodies = new RequestBodies(spill.path());
        Admission admission = new Admission(auth, bodies, limits);

        UsageNode usageNode = UsageNode.start(node);
        UsageHandlers usage = new UsageHandlers(usageNode, node.views(), node.creators(), node.models(), auth,
                admission);
        CredentialHandlers credentials = new CredentialHandlers(node.views(), node.links(), auth, usage,
                node.identities());
        CreatorHandlers creators = new CreatorHandlers(node.creators(), node.models(), node.views(), auth, usage,
                node.identities());
        StampHandler stamp = new StampHandler(node.issuer(), node.engine().credentialEvidence(), bodies, metrics,
                usage, uploads, maxStamp);
        ApiKeyHandlers keys = new ApiKeyHandlers(node.apiKeys());
        SystemHandlers system = new SystemHandlers(node, metrics, problems, base);
        SoftBindingHandlers softBinding = new SoftBindingHandlers(node.lookup(), maxImage);
        List<Route> routes = List.of(
                new Route(HandlerType.POST, Routes.STAMP, Access.API_KEY, maxStamp, admission.upload(Lane.STAMP,
                        maxStamp, stamp)),
                new Route(HandlerType.POST, Routes.VERIFY, Access.PUBLIC, maxVerify, admission.upload(Lane.VERIFY,
                        maxVerify, new VerifyHandler(node.lookup(), node.links(), bodies, metrics, uploads, auth,
                                usage, node.engine().evidenceTrust()))),
                new Route(HandlerType.GET, Routes.CREDENTIAL, Access.PUBLIC, 0, admission.lookup(credentials::json)),
                new Route(HandlerType.GET, Routes.CREDENTIAL_PAGE, Access.PUBLIC, 0, admission.lookup(credentials::page)),
                new Route(HandlerType.GET, Routes.CREDENTIAL_THUMBNAIL, Access.PUBLIC, 0,
                        admission.lookup(credentials::thumbnail)),
                // creators, their models and disclosure (docs/disclosure.md)
                new Route(HandlerType.PUT, Routes.CREDENTIAL_DISCLOSURE, Access.CREATOR,
                        CredentialHandlers.MAX_POLICY_BODY, credentials::putDisclosure),
                new Route(HandlerType.DELETE, Routes.CREDENTIAL_DISCLOSURE, Access.CREATOR, 0,
                        credentials::deleteDisclosure),
                new Route(HandlerType.GET, Routes.CREDENTIAL_EVIDENCE, Access.CREATOR, 0, credentials::evidence),
                new Route(HandlerType.POST, Routes.CREATORS, Access.ADMIN, CreatorHandlers.MAX_BODY, creators::register),
                new Route(HandlerType.GET, Routes.CREATOR, Access.PUBLIC, 0, admission.lookup(creators::get)),
                new Route(HandlerType.POST, Routes.CREATOR_TOKEN, Access.ADMIN, 0, creators::reissueToken),
                new Route(HandlerType.GET, Routes.CREATOR_DISCLOSURE, Access.CREATOR, 0,
                        creators::getDisclosure),
                new Route(HandlerType.PUT, Routes.CREATOR_DISCLOSURE, Access.CREATOR,
                        CredentialHandlers.MAX_POLICY_BODY, creators::putDisclosure),
                new Route(HandlerType.GET, Routes.CREATOR_GRANTS, Access.CREATOR, 0, creators::getGrants),
                new Route(HandlerType.PUT, Routes.CREATOR_GRANTS, Access.CREATOR, CreatorHandlers.MAX_BODY,
                        creators::putGrants),
                new Route(HandlerType.GET, Routes.CREATOR_CREDENTIALS, Access.CREATOR, 0,
                        creators::listCredentials),
                new Route(HandlerType.GET, Routes.MODELS, Access.PUBLIC, 0, admission.lookup(creators::listModels)),
                new Route(HandlerType.POST, Routes.MODELS, Access.CREATOR,
                        CreatorHandlers.MAX_MODEL_BODY, creators::createModel),
                new Route(HandlerType.GET, Routes.MODEL, Access.PUBLIC, 0, admission.lookup(creators::getModel)),
                new Route(HandlerType.PUT, Routes.MODEL, Access.CREATOR,
                        CreatorHandlers.MAX_MODEL_BODY, creators::putModel),
                new Route(HandlerType.GET, Routes.MODEL_EVIDENCE, Access.PUBLIC, 0,
                        admission.lookup(creators::modelEvidence)),
                new Route(HandlerType.GET, Routes.MODEL_PAGE, Access.PUBLIC, 0, admission.lookup(creators::modelPage)),
                new Route(HandlerType.GET, Routes.API_KEYS, Access.ADMIN, 0, keys::list),
                new Route(HandlerType.POST, Routes.API_KEYS, Access.ADMIN, ApiKeyHandlers.MAX_BODY, keys::create),
                new Route(HandlerType.DELETE, Routes.API_KEY, Access.ADMIN, 0, keys::revoke),
                // the C2PA Soft Binding Resolution API over the invisible watermark (docs/watermark.md)
                new Route(HandlerType.GET, Routes.MATCHES_BY_BINDING, Access.PUBLIC, 0,
                        admission.lookup(softBinding::byBindingQuery)),
                new Route(HandlerType.POST, Routes.MATCHES_BY_BINDING, Access.PUBLIC, SoftBindingHandlers.MAX_QUERY_BODY,
                        admission.lookup(softBinding::byBindingDocument)),
                new Route(HandlerType.OPTIONS, Routes.MATCHES_BY_BINDING, Access.PUBLIC, 0,
                        ctx -> Cors.preflight(ctx, "GET, POST, OPTIONS")),
                new Route(HandlerType.POST, Routes.MATCHES_BY_CONTENT, Access.PUBLIC, maxImage,
                        admission.upload(Lane.VERIFY, maxImage, softBinding::byContent)),
                new Route(HandlerType.OPTIONS, Routes.MATCHES_BY_CONTENT, Access.PUBLIC, 0,
                        ctx -> Cors.preflight(ctx, "POST, OPTIONS")),
                new Route(HandlerType.GET, Routes.MANIFEST, Access.PUBLIC, 0, admission.lookup(softBinding::manifest)),
                new Route(HandlerType.GET, Routes.SUPPORTED_ALGORITHMS, Access.PUBLIC, 0,
                        softBinding::supportedAlgorithms),
                new Route(HandlerType.GET, Routes.TRUST_ANCHORS, Access.PUBLIC, 0, system::trustAnchors),
                new Route(HandlerType.POST, Routes.TSA, Access.PUBLIC, TimeStampHandler.MAX_QUERY,
                        new TimeStampHandler(node.engine().timeStampAuthority())::respond),
                new Route(HandlerType.GET, Routes.HEALTH, Access.PUBLIC, 0, system::health),
                new Route(HandlerType.GET, Routes.METRICS, Access.PUBLIC, 0, system::metrics),
                new Route(HandlerType.GET, Routes.OPENAPI, Access.PUBLIC, 0, system::openApi),
                new Route(HandlerType.GET, Routes.PROBLEM_TYPE, Access.PUBLIC, 0, system::problemType));
        List<Route> all = Stream.of(routes, new WebHandlers(node.views(), node.links()).routes(admission),
                        usage.routes())
                .flatMap(List::stream).toList();

        Javalin app = Javalin.create(c -> {
            c.unsafe.jettyInternal.server = listener.server();
            c.startup.showJavalinBanner = false;
            c.startup.startupWatcherEnabled = false;
            c.startup.showOldJavalinVersionWarning = false;
            c.http.prefer405over404 = true;
            c.http.maxRequestSize = maxStamp;
            c.router.javaLangErrorHandler((res, error) -> {
                // Errors outside a route's handler (those inside become exceptions in guarded()); the request is
                // not at hand here
                ProblemException p = problems.fromError(error, "a request");
                if (!res.isCommitted()) {
                    res.reset();
                    res.setStatus(p.status());
                    p.headers().forEach(res::setHeader);
                    res.setContentType(Problems.MEDIA_TYPE);
                    try {
                        res.getOutputStream().write(problems.body(p, null));
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
            usageNode.close();
            listener.close();
            metrics.close();
            spill.close();
            throw e;
        }
        return new HttpServer(app, metrics, usageNode, spill);
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
        try {
            app.stop();
        } finally {
            metrics.close();
            usage.close();
            spill.close();
        }
    }

    /** The creator-facing side of this node: usage counting, reports, notices, webhooks. */
    public UsageNode usage() {
        return usage;
    }

    private static Handler guarded(Route route, Authenticator auth) {
        boolean crossOrigin = Cors.isOpen(route);
        return ctx -> {
            if (crossOrigin) {
                Cors.allow(ctx);
            }
            RequestBodies.checkDeclaredLength(ctx, route.maxBody());
            auth.require(ctx, route.access());
            try {
                route.handler().handle(ctx);
            } catch (OutOfMemoryError | StackOverflowError e) {
                // the failed request's memory is free again once it unwinds; the service serves on
                throw new ResourceExhaustedException(e);
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
