package io.credmark.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.bytes.Sha256;
import io.credmark.creators.CredentialViews;
import io.credmark.credential.Credential;
import io.credmark.credential.CredentialId;
import io.credmark.credential.CredentialLinks;
import io.credmark.provenance.ProvenanceField;
import io.credmark.provenance.ProvenanceSchema;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The web side: the {@code <credmark-image>} component and the pages' scripts and style ({@code /static/…}), the
 * verify page ({@code /}), the creator settings page ({@code /creator}) and the embed snippet of a credential.
 * Everything is plain files under {@code io/credmark/http/web/}; the pages are filled in with escaped values only.
 */
final class WebHandlers {

    /** The pages run only their own script and style files, and talk only to this service. */
    static final String PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' blob: data:; connect-src 'self'; form-action 'self'; base-uri 'none';"
            + " frame-ancestors 'none'";

    /** What an embed snippet answered as HTML may do when opened directly: nothing. */
    private static final String SNIPPET_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";

    private static final Map<String, String> ASSET_TYPES = Map.of(
            "credmark.js", "text/javascript; charset=utf-8",
            "verify.js", "text/javascript; charset=utf-8",
            "creator.js", "text/javascript; charset=utf-8",
            "report.js", "text/javascript; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "site.css", "text/css; charset=utf-8");

    private static final Set<String> INDICATORS = Set.of("auto", "badge", "none");
    private static final int MAX_SRC_LENGTH = 2048;

    private static final Map<String, String> SECTION_TITLES = Map.of("creator", "Creator", "model", "Model",
            "generation", "Generation parameters", "lineage", "Lineage", "usage", "Usage terms");

    /** The version of the style sheet in its links: a new file is a new URL, so the old one may be kept a year. */
    private static final String STYLE_VERSION = version(resource("site.css"));

    private record Asset(byte[] bytes, String type, String version) {

        String etag() {
            return "\"" + version + "\"";
        }
    }

    private final CredentialViews credentials;
    private final String base;
    private final Map<String, Asset> assets = new LinkedHashMap<>();
    private final String homePage;
    private final String creatorPage;

    WebHandlers(CredentialViews credentials, CredentialLinks links) {
        this.credentials = credentials;
        this.base = links.base();
        ASSET_TYPES.forEach((name, type) -> {
            byte[] bytes = resource(name);
            assets.put(name, new Asset(bytes, type, version(bytes)));
        });
        String basePath = Html.escape(basePath(base));
        String style = stylesheet(basePath(base));
        this.homePage = text("index.html").replace("{{style}}", style).replace("{{base}}", basePath);
        this.creatorPage = text("creator.html").replace("{{style}}", style).replace("{{base}}", basePath)
                .replace("{{fields}}", fieldRows());
    }

    /**
     * {@code GET /static/{name}}: a fixed set of files, revalidated by ETag; asked for with their version
     * ({@code ?v=}, as the pages link the style sheet), kept for a year, since another file has another URL.
     */
    void asset(Context ctx) {
        Asset asset = assets.get(ctx.pathParam("name"));
        if (asset == null) {
            throw new ProblemException(ProblemType.NOT_FOUND, "no such file");
        }
        ctx.header("Cache-Control", asset.version().equals(ctx.queryParam("v"))
                ? "public, max-age=31536000, immutable" : "public, max-age=300");
        ctx.header("ETag", asset.etag());
        String match = ctx.header("If-None-Match");
        if (match != null && (match.contains(asset.etag()) || match.strip().equals("*"))) {
            ctx.status(304);
            return;
        }
        ctx.status(200).contentType(asset.type()).result(asset.bytes());
    }

    /** {@code GET /}: what credmark is, and the verify page. */
    void home(Context ctx) {
        ctx.header("Referrer-Policy", "no-referrer");
        page(ctx, homePage);
    }

    /** {@code GET /creator}: a creator's disclosure settings, with a preview of what the public sees. */
    void creator(Context ctx) {
        ctx.header("Referrer-Policy", "no-referrer");
        page(ctx, creatorPage);
    }

    /**
     * {@code GET /v1/credentials/{id}/embed}: the HTML that shows the stamped image with its attribution on another
     * site. Query: {@code src} (where the publisher serves the image), {@code alt}, {@code indicator} (auto, badge,
     * none). JSON ({@code {id, html}}) when the client asks for it.
     */
    void embed(Context ctx) {
        String id = ctx.pathParam("id");
        Credential c = CredentialId.parse(id).flatMap(credentials::find).orElseThrow(() -> new ProblemException(
                ProblemType.NOT_FOUND, "no credential with the id '" + (id.length() > 40 ? id.substring(0, 40) + "…"
                        : id) + "'"));
        String src = ctx.queryParam("src");
        if (src == null || src.isEmpty()) {
            src = "IMAGE_URL";
        } else {
            checkImageUrl(src);
        }
        String alt = ctx.queryParam("alt");
        if (alt == null) {
            alt = "Made with " + c.provenance().model().name() + " by " + c.provenance().creator().handle();
        } else if (alt.length() > 500 || alt.chars().anyMatch(Character::isISOControl)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "alt must be at most 500 characters, without"
                    + " control characters");
        }
        String indicator = ctx.queryParam("indicator");
        if (indicator != null && !INDICATORS.contains(indicator)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "indicator must be one of auto, badge, none");
        }
        Html h = new Html().markup("<script").attribute("src", base + "/static/credmark.js")
                .markup(" defer></script>\n<credmark-image").attribute("src", src)
                .attribute("credential", c.id().text()).attribute("alt", alt);
        if (indicator != null && !indicator.equals("auto")) {
            h.attribute("indicator", indicator);
        }
        String html = h.markup("></credmark-image>\n").toString();
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Vary", "Accept");
        if (Accepts.prefersJson(ctx.header("Accept"), "text/html")) {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("id", c.id().text());
            n.put("html", html);
            Responses.json(ctx, 200, n);
        } else {
            ctx.header("Content-Security-Policy", SNIPPET_CONTENT_SECURITY_POLICY);
            ctx.status(200).contentType("text/html; charset=utf-8").result(html);
        }
    }

    /**
     * The web side's routes: the pages, the static files, the embed snippet and the verify preflight. The embed
     * snippet reads the database, so it is admitted as the other anonymous lookups are.
     */
    List<Route> routes(Admission admission) {
        return List.of(
                new Route(HandlerType.GET, Routes.HOME, Access.PUBLIC, 0, this::home),
                new Route(HandlerType.GET, Routes.CREATOR_HOME, Access.PUBLIC, 0, this::creator),
                new Route(HandlerType.GET, Routes.STATIC, Access.PUBLIC, 0, this::asset),
                new Route(HandlerType.GET, Routes.CREDENTIAL_EMBED, Access.PUBLIC, 0, admission.lookup(this::embed)),
                new Route(HandlerType.OPTIONS, Routes.VERIFY, Access.PUBLIC, 0, Cors::preflight));
    }

    private void page(Context ctx, String html) {
        ctx.header("Cache-Control", "no-cache");
        ctx.header("Content-Security-Policy", PAGE_CONTENT_SECURITY_POLICY);
        ctx.status(200).contentType("text/html; charset=utf-8").result(html);
    }

    /** An absolute http(s) URL or a relative reference; nothing that could run script. */
    private static void checkImageUrl(String src) {
        boolean ok = src.length() <= MAX_SRC_LENGTH && src.chars().noneMatch(ch -> Character.isISOControl(ch)
                || Character.isWhitespace(ch));
        if (ok) {
            try {
                String scheme = new URI(src).getScheme();
                ok = scheme == null || scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http");
            } catch (URISyntaxException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "src must be an http(s) URL or a relative URL of at"
                    + " most " + MAX_SRC_LENGTH + " characters");
        }
    }

    /** One group of level choices per declared field, by section; identity fields are always public. */
    private static String fieldRows() {
        Html h = new Html();
        String section = null;
        for (ProvenanceField f : ProvenanceSchema.declaredFields()) {
            String s = f.segments().get(0);
            if (!s.equals(section)) {
                if (section != null) {
                    h.markup("</div>");
                }
                section = s;
                h.markup("<h3>").text(SECTION_TITLES.getOrDefault(s, s)).markup("</h3><div class=\"fields\">");
            }
            h.markup("<fieldset class=\"field\"").attribute("data-path", f.path()).markup("><legend><code>")
                    .text(f.path()).markup("</code> <span>").text(f.description()).markup("</span></legend>");
            if (f.identity()) {
                h.markup("<p class=\"always\">Always public: a credential means nothing without it.</p>");
            } else {
                h.markup("<span class=\"levels\">");
                for (String level : new String[] {"public", "protected", "private"}) {
                    h.markup("<label><input type=\"radio\"").attribute("name", f.path()).attribute("value", level)
                            .markup(level.equals("public") ? " checked>" : ">")
                            .text(level.substring(0, 1).toUpperCase(Locale.ROOT) + level.substring(1))
                            .markup("</label>");
                }
                h.markup("</span>");
            }
            h.markup("</fieldset>");
        }
        if (section != null) {
            h.markup("</div>");
        }
        return h.toString();
    }

    /**
     * The {@code <link>} of the site's style sheet, versioned, for a page of this service.
     *
     * @param basePath the path of the public URL, as {@link #basePath} gives it
     */
    static String stylesheet(String basePath) {
        return new Html().markup("<link rel=\"stylesheet\"").attribute("href", basePath + Routes.SITE_STYLE + "?v="
                + STYLE_VERSION).markup(">").toString();
    }

    private static String version(byte[] bytes) {
        return Sha256.hex(bytes).substring(0, 32);
    }

    /** The path of the public URL, so that pages refer to this service's own files under any prefix. */
    static String basePath(String base) {
        String p = URI.create(base).getRawPath();
        return p == null || p.equals("/") ? "" : p.replaceAll("/+$", "");
    }

    static byte[] resource(String name) {
        try (InputStream in = WebHandlers.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("web/" + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the web resources as UTF-8 text (the page templates). */
    static String text(String name) {
        return new String(resource(name), StandardCharsets.UTF_8);
    }
}
