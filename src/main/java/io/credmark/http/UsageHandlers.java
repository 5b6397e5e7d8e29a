package io.credmark.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.NotFoundException;
import io.credmark.creators.CreatorAccount;
import io.credmark.creators.Creators;
import io.credmark.creators.CredentialViews;
import io.credmark.creators.ModelRegistry;
import io.credmark.credential.CredentialId;
import io.credmark.usage.MisuseReport;
import io.credmark.usage.MisuseReports;
import io.credmark.usage.Notice;
import io.credmark.usage.UsageEvent;
import io.credmark.app.UsageNode;
import io.credmark.usage.UsageSeries;
import io.credmark.verification.Verification;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Creators' usage figures, misuse reports and their inbox, notices, profiles and webhooks (docs/usage.md), and the
 * hooks by which stamp, verify and the credential page are counted.
 */
final class UsageHandlers {

    static final long MAX_BODY = 8 * 1024;
    private static final String CHANNEL_ATTRIBUTE = "credmark.verifyChannel";

    private final UsageNode usage;
    private final CredentialViews credentials;
    private final Creators creators;
    private final ModelRegistry models;
    private final Authenticator auth;
    private final Admission admission;

    UsageHandlers(UsageNode usage, CredentialViews credentials, Creators creators, ModelRegistry models,
            Authenticator auth, Admission admission) {
        this.usage = usage;
        this.admission = admission;
        this.credentials = credentials;
        this.creators = creators;
        this.models = models;
        this.auth = auth;
    }

    List<Route> routes() {
        return List.of(
                new Route(HandlerType.GET, "/v1/creators/{handle}/usage", Access.CREATOR, 0, this::usageSeries),
                new Route(HandlerType.PUT, "/v1/creators/{handle}/models/{modelId}/usage-figures", Access.CREATOR,
                        MAX_BODY, this::putUsageVisibility),
                new Route(HandlerType.POST, "/v1/credentials/{id}/reports", Access.PUBLIC, MAX_BODY, this::fileReport),
                new Route(HandlerType.GET, "/v1/creators/{handle}/reports", Access.CREATOR, 0, this::inbox),
                new Route(HandlerType.PATCH, "/v1/creators/{handle}/reports/{reportId}", Access.CREATOR, MAX_BODY,
                        this::answer),
                new Route(HandlerType.PUT, "/v1/credentials/{id}/notice", Access.CREATOR, MAX_BODY,
                        this::putCredentialNotice),
                new Route(HandlerType.DELETE, "/v1/credentials/{id}/notice", Access.CREATOR, 0,
                        this::deleteCredentialNotice),
                new Route(HandlerType.PUT, "/v1/creators/{handle}/models/{modelId}/notice", Access.CREATOR, MAX_BODY,
                        this::putModelNotice),
                new Route(HandlerType.DELETE, "/v1/creators/{handle}/models/{modelId}/notice", Access.CREATOR, 0,
                        this::deleteModelNotice),
                new Route(HandlerType.GET, "/v1/creators/{handle}/notices", Access.CREATOR, 0, this::notices),
                new Route(HandlerType.PUT, "/v1/creators/{handle}", Access.CREATOR, MAX_BODY, this::putProfile),
                new Route(HandlerType.GET, "/v1/creators/{handle}/webhook", Access.CREATOR, 0, this::getWebhook),
                new Route(HandlerType.PUT, "/v1/creators/{handle}/webhook", Access.CREATOR, MAX_BODY,
                        this::putWebhook),
                new Route(HandlerType.DELETE, "/v1/creators/{handle}/webhook", Access.CREATOR, 0,
                        this::deleteWebhook),
                new Route(HandlerType.GET, Routes.CREATOR_PAGE, Access.PUBLIC, 0, this::creatorPage),
                new Route(HandlerType.GET, "/c/{id}/report", Access.PUBLIC, 0, this::reportPage));
    }

    // --- hooks on other routes ------------------------------------------------------------------------------------

    /** After a stamp: counted for its credential, by the API key that asked. */
    void stamped(Context ctx) {
        String id = ctx.res().getHeader("Credential-Id");
        if (ctx.statusCode() == 200 && id != null) {
            CredentialId.parse(id).ifPresent(c -> usage.counter().count(c.value(), UsageEvent.STAMP,
                    Authenticator.key(ctx).name()));
        }
    }

    /**
     * A verification: by the channel the client names ({@code ?via=page} from the verify page, {@code ?via=component}
     * from the web component, else the API), and for the component the host of the page it runs on.
     */
    void verified(Context ctx, Verification v) {
        String via = ctx.queryParam("via");
        UsageNode.Channel channel = "component".equals(via) ? UsageNode.Channel.COMPONENT
                : "page".equals(via) ? UsageNode.Channel.PAGE : UsageNode.Channel.API;
        usage.verified(v, channel, channel == UsageNode.Channel.COMPONENT ? embeddingHost(ctx) : Optional.empty());
    }

    /** The notice to show with the credential a verification leads to. */
    void annotate(ObjectNode report, Verification v) {
        Optional<CredentialId> subject = v.recovered().map(r -> r.credential().id())
                .or(() -> v.known() ? v.claimedId() : Optional.empty());
        subject.flatMap(usage.notices()::of).ifPresent(n -> report.set("notice", UsageJson.notice(n)));
    }

    void pageViewed(CredentialId id) {
        usage.counter().count(id.value(), UsageEvent.PAGE_VIEW);
    }

    Optional<Notice> notice(CredentialId id) {
        return usage.notices().of(id);
    }

    /** The host name only, from Origin, else Referer: no path, no query, nothing about the viewer. */
    static Optional<String> embeddingHost(Context ctx) {
        for (String header : new String[] {"Origin", "Referer"}) {
            String v = ctx.header(header);
            if (v == null || v.isBlank() || v.equals("null")) {
                continue;
            }
            try {
                String host = URI.create(v.strip()).getHost();
                if (host != null && host.length() <= 253 && host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
                    return Optional.of(host.toLowerCase(Locale.ROOT));
                }
            } catch (IllegalArgumentException e) {
                // not a URL: no host
            }
        }
        return Optional.empty();
    }

    // --- usage ----------------------------------------------------------------------------------------------------

    /** {@code GET /v1/creators/{handle}/usage?from=&to=&model=&granularity=day|week}; CSV with Accept: text/csv. */
    void usageSeries(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        String g = Optional.ofNullable(ctx.queryParam("granularity")).orElse("day");
        if (!Set.of("day", "week").contains(g)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "granularity: expected day or week");
        }
        UsageSeries s = usage.figures().of(creator, param(ctx, "from"), param(ctx, "to"),
                g.equals("week") ? UsageSeries.Granularity.WEEK : UsageSeries.Granularity.DAY, param(ctx, "model"));
        CredentialHandlers.noCache(ctx, true);
        ctx.header("Vary", "Authorization, Accept");
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("text/csv")) {
            ctx.status(200).contentType("text/csv; charset=utf-8").result(UsageJson.csv(s));
        } else {
            Responses.json(ctx, 200, UsageJson.series(s));
        }
    }

    /** {@code PUT …/models/{modelId}/usage-figures} {@code {"visibility": "public" | "private"}}. */
    void putUsageVisibility(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        JsonNode body = object(ctx, Set.of("visibility"));
        String visibility = body.path("visibility").asText("");
        if (!visibility.equals("public") && !visibility.equals("private")) {
            throw JsonBodies.invalid("visibility", "expected public or private");
        }
        String modelId = models.ownModel(creator, ctx.pathParam("modelId")).id();
        usage.figures().setVisibility(modelId, visibility);
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 200, JsonNodeFactory.instance.objectNode().put("model", modelId)
                .put("visibility", visibility));
    }

    // --- reports --------------------------------------------------------------------------------------------------

    /** {@code POST /v1/credentials/{id}/reports} {@code {category, message, contact?}}: anyone, within limits. */
    void fileReport(Context ctx) {
        CredentialId id = credentialId(ctx);
        JsonNode body = object(ctx, Set.of("category", "message", "contact"));
        Optional<String> contact = Optional.ofNullable(body.get("contact")).filter(JsonNode::isTextual)
                .map(JsonNode::asText);
        // only well-formed reports count against the limits
        MisuseReports.check(text(body, "category"), text(body, "message"), contact);
        admission.report(ctx, id.text());
        MisuseReport r = usage.reports().file(id, text(body, "category"), text(body, "message"), contact);
        ctx.header("Cache-Control", "no-store");
        Responses.json(ctx, 201, UsageJson.filed(r));
    }

    /** {@code GET /v1/creators/{handle}/reports?status=}. */
    void inbox(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        List<MisuseReport> list = usage.reports().inbox(creator, param(ctx, "status"));
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 200, UsageJson.reports(creator.handle(), list));
    }

    /** {@code PATCH /v1/creators/{handle}/reports/{reportId}} {@code {status, note?}}. */
    void answer(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        JsonNode body = object(ctx, Set.of("status", "note"));
        MisuseReport r = usage.reports().answer(creator, ctx.pathParam("reportId"), text(body, "status"),
                Optional.ofNullable(body.get("note")).filter(JsonNode::isTextual).map(JsonNode::asText));
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 200, UsageJson.report(r));
    }

    // --- notices --------------------------------------------------------------------------------------------------

    void putCredentialNotice(Context ctx) {
        JsonNode body = object(ctx, Set.of("text"));
        Notice n = usage.notices().setOnCredential(credentialId(ctx), Authenticator.creator(ctx), text(body, "text"));
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 200, UsageJson.notice(n));
    }

    void deleteCredentialNotice(Context ctx) {
        if (!usage.notices().removeFromCredential(credentialId(ctx), Authenticator.creator(ctx))) {
            throw new ProblemException(ProblemType.NOT_FOUND, "the credential has no notice");
        }
        ctx.status(204);
    }

    void putModelNotice(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        JsonNode body = object(ctx, Set.of("text"));
        Notice n = usage.notices().setOnModel(ctx.pathParam("modelId"), creator, text(body, "text"));
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 200, UsageJson.notice(n));
    }

    void deleteModelNotice(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        if (!usage.notices().removeFromModel(ctx.pathParam("modelId"), creator)) {
            throw new ProblemException(ProblemType.NOT_FOUND, "the model has no notice");
        }
        ctx.status(204);
    }

    void notices(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("creator", creator.handle());
        var list = n.putArray("notices");
        usage.notices().byCreator(creator).forEach(x -> list.add(UsageJson.notice(x)));
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 200, n);
    }

    // --- profile and webhook --------------------------------------------------------------------------------------

    /** {@code PUT /v1/creators/{handle}} {@code {displayName?, link?, bio?}}: replaces the public profile. */
    void putProfile(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        JsonNode body = object(ctx, Set.of("displayName", "link", "bio"));
        var p = usage.profiles().put(creator, optionalText(body, "displayName"), optionalText(body, "link"),
                optionalText(body, "bio"));
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 200, UsageJson.profile(p).put("handle", creator.handle()));
    }

    void getWebhook(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 200, UsageJson.webhook(usage.webhooks().view(creator)
                .orElseThrow(() -> new NotFoundException(creator.handle() + " has no webhook"))));
    }

    /** {@code PUT /v1/creators/{handle}/webhook} {@code {url, secret}}; the secret is never shown again. */
    void putWebhook(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        JsonNode body = object(ctx, Set.of("url", "secret"));
        var view = usage.webhooks().put(creator, text(body, "url"), text(body, "secret"));
        CredentialHandlers.noCache(ctx, true);
        Responses.json(ctx, 200, UsageJson.webhook(view));
    }

    void deleteWebhook(Context ctx) {
        CreatorAccount creator = Authenticator.creator(ctx, ctx.pathParam("handle"));
        if (!usage.webhooks().remove(creator)) {
            throw new NotFoundException(creator.handle() + " has no webhook");
        }
        ctx.status(204);
    }

    /** A registered model's usage totals, when its creator made them public. */
    Optional<java.util.Map<String, Long>> publicTotals(String modelId) {
        return usage.figures().publicTotals(modelId);
    }

    /** The profile member of {@code GET /v1/creators/{handle}}. */
    ObjectNode profile(String handle) {
        return UsageJson.profile(usage.profiles().of(handle));
    }

    // --- pages ----------------------------------------------------------------------------------------------------

    /** {@code GET /u/{handle}}: the creator's public page. */
    void creatorPage(Context ctx) {
        CreatorAccount creator = creators.require(ctx.pathParam("handle"));
        String base = credentials.links().base();
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Content-Security-Policy", WebHandlers.PAGE_CONTENT_SECURITY_POLICY);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.status(200).contentType("text/html; charset=utf-8").result(CreatorPublicPage.render(
                usage.profiles().of(creator.handle()), models.list(creator.handle()), models::page,
                usage.figures()::publicTotals, WebHandlers.basePath(base)));
    }

    /** {@code GET /c/{id}/report}: the form to report a credential. */
    void reportPage(Context ctx) {
        CredentialId id = credentialId(ctx);
        var c = credentials.find(id).orElseThrow(() -> new NotFoundException("no credential with the id '"
                + id.text() + "'"));
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Content-Security-Policy", WebHandlers.PAGE_CONTENT_SECURITY_POLICY);
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.status(200).contentType("text/html; charset=utf-8").result(ReportPage.render(c,
                credentials.links().page(id), WebHandlers.basePath(credentials.links().base())));
    }

    // --- request parts --------------------------------------------------------------------------------------------

    private static JsonNode object(Context ctx, Set<String> members) {
        JsonNode body = JsonBodies.read(RequestBodies.raw(ctx, MAX_BODY), "body");
        if (!body.isObject()) {
            throw JsonBodies.invalid("body", "expected a JSON object with " + String.join(", ", members));
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!members.contains(name)) {
                throw JsonBodies.invalid(name, "unknown member; expected " + String.join(", ", members));
            }
        }
        return body;
    }

    private static String text(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || !v.isTextual()) {
            throw JsonBodies.invalid(name, "required, a string");
        }
        return v.textValue();
    }

    private static Optional<String> optionalText(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw JsonBodies.invalid(name, "expected a string");
        }
        return Optional.of(v.textValue());
    }

    private static Optional<String> param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static CredentialId credentialId(Context ctx) {
        String id = ctx.pathParam("id");
        return CredentialId.parse(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "no credential with the id '" + (id.length() > 40 ? id.substring(0, 40) + "…" : id) + "'"));
    }
}
