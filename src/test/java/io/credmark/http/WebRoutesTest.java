package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.http.ApiClient.Answer;
import io.credmark.provenance.ProvenanceSchema;
import io.credmark.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web side's routes over HTTP: the component and page files, the pages' headers, the embed snippet, which routes
 * answer other origins, and the mark's box in the stamp answer. The browser tests show that it all works in Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebRoutesTest {

    private static final String ORIGIN = "https://publisher.example";

    @AutoClose
    private TestService service;
    private ApiClient api;
    private String stampKey;
    private WebFixtures.Stamp marked;

    @BeforeAll
    void start(@TempDir Path directory) {
        service = TestService.on(TestDatabase.H2, directory, Map.of());
        api = service.client();
        stampKey = service.createStampKey();
        marked = WebFixtures.stamp(api, stampKey, WebFixtures.encode(WebFixtures.scene(640, 400), "png"), "image/png",
                "{\"marker\": {\"position\": \"bottom-right\"}}");
    }

    @Test
    void theStampAnswerCarriesTheMarksBoxAndTheCredentialUrl() {
        Answer a = api.postMultipart("/v1/stamp", List.of(
                ApiClient.Part.file("image", "scene.png", "image/png", WebFixtures.encode(WebFixtures.scene(640, 400),
                        "png")),
                ApiClient.Part.json("provenance", WebFixtures.PROVENANCE),
                ApiClient.Part.json("options", "{\"marker\": {\"position\": \"top-left\", \"margin\": 10}}")),
                "Authorization", "Bearer " + stampKey, "Accept", "application/json");
        assertEquals(200, a.status(), a.toString());
        JsonNode j = a.json();
        assertEquals(service.base + "/c/" + j.get("id").asText(), j.get("url").asText());
        JsonNode box = j.get("mark").get("box");
        assertEquals(10, box.get("x").asInt());
        assertEquals(10, box.get("y").asInt());
        assertEquals(24, box.get("height").asInt(), "4 % of 400 px is under the 24 px floor");
        assertEquals(box, j.get("mark").get("displayBox"), "an unrotated image shows the box where it is stored");
        assertTrue(List.of("light", "dark").contains(j.at("/mark/style").asText()));
        assertEquals("mirelle.ink", j.at("/mark/label").asText());

        // the verify report says the same, from the signed manifest
        Answer v = api.postRaw("/v1/verify", "image/png", java.util.Base64.getDecoder().decode(j.get("image").asText()));
        assertEquals(j.at("/mark/displayBox"), v.json().at("/summary/marker/displayBox"));

        Answer plain = api.stamp(stampKey, WebFixtures.encode(WebFixtures.scene(640, 400), "png"), "image/png",
                WebFixtures.PROVENANCE, "Accept", "application/json");
        assertFalse(plain.json().has("mark"), "no mark was asked for");
    }

    @Test
    void theComponentAndThePageFilesAreServedWithTypesAndRevalidation() {
        for (String[] f : new String[][] {{"credmark.js", "text/javascript"}, {"verify.js", "text/javascript"},
                {"creator.js", "text/javascript"}, {"site.css", "text/css"}}) {
            Answer a = api.get("/static/" + f[0]);
            assertEquals(200, a.status(), f[0]);
            assertTrue(a.contentType().startsWith(f[1]), a.contentType());
            String etag = a.header("ETag");
            assertNotNull(etag);
            Answer again = api.get("/static/" + f[0], "If-None-Match", etag);
            assertEquals(304, again.status());
            assertEquals(0, again.body().length);
        }
        assertTrue(api.get("/static/credmark.js").text().contains("customElements.define('credmark-image'"));
        assertTrue(List.of(400, 404).contains(api.get("/static/..%2Fopenapi.json").status()));
        assertEquals(404, api.get("/static/nothing.js").status());
    }

    @Test
    void thePagesAreServedWithAStrictContentSecurityPolicy() {
        for (String page : List.of("/", "/creator")) {
            Answer a = api.get(page);
            assertEquals(200, a.status(), page);
            assertTrue(a.contentType().startsWith("text/html"), a.contentType());
            String csp = a.header("Content-Security-Policy");
            assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'none'")
                    && csp.contains("frame-ancestors 'none'"), csp);
            assertFalse(a.text().contains("<script>"), "no inline script on " + page);
            assertFalse(a.text().contains("{{"), "every placeholder is filled on " + page);
            assertNull(a.header("Access-Control-Allow-Origin"), page + " is for people, not for other sites' scripts");
            assertEquals("no-referrer", a.header("Referrer-Policy"), page);
        }
        String creator = api.get("/creator").text();
        for (String path : ProvenanceSchema.paths()) {
            assertTrue(creator.contains("data-path=\"" + path + "\""), path);
        }
        assertFalse(creator.contains("name=\"creator.handle\""), "the identity fields have no choice");
    }

    @Test
    void theEmbedSnippetLoadsTheComponentAndEscapesWhatItIsGiven() {
        String alt = "a \"heron\" <script>alert(1)</script>";
        Answer a = api.get("/v1/credentials/" + marked.id() + "/embed?src=" + enc("https://cdn.example/i.png?a=1&b=2")
                + "&alt=" + enc(alt) + "&indicator=badge", "Origin", ORIGIN);
        assertEquals(200, a.status(), a.toString());
        assertTrue(a.contentType().startsWith("text/html"));
        assertEquals("*", a.header("Access-Control-Allow-Origin"));
        assertTrue(a.header("Content-Security-Policy").contains("sandbox"), "opened directly, it runs nothing");
        assertEquals("<script src=\"" + service.base + "/static/credmark.js\" defer></script>\n"
                + "<credmark-image src=\"https://cdn.example/i.png?a=1&amp;b=2\" credential=\"" + marked.id()
                + "\" alt=\"a &quot;heron&quot; &lt;script&gt;alert(1)&lt;/script&gt;\" indicator=\"badge\">"
                + "</credmark-image>\n", a.text());

        Answer plain = api.get("/v1/credentials/" + marked.id() + "/embed");
        assertTrue(plain.text().contains("src=\"IMAGE_URL\""), plain.text());
        assertTrue(plain.text().contains("alt=\"Made with Inkwash XL by mirelle.ink\""), plain.text());
        assertFalse(plain.text().contains("indicator="));

        Answer json = api.get("/v1/credentials/" + marked.id() + "/embed?src=x.png", "Accept", "application/json");
        assertEquals(marked.id(), json.json().get("id").asText());
        assertTrue(json.json().get("html").asText().contains("<credmark-image src=\"x.png\""));

        assertEquals(400, api.get("/v1/credentials/" + marked.id() + "/embed?src=" + enc("javascript:alert(1)"))
                .status());
        assertEquals(400, api.get("/v1/credentials/" + marked.id() + "/embed?indicator=loud").status());
        Answer unknown = api.get("/v1/credentials/0000000000000/embed", "Origin", ORIGIN);
        assertEquals(404, unknown.status());
        assertEquals("*", unknown.header("Access-Control-Allow-Origin"), "errors are readable by the page too");
    }

    @Test
    void readOnlyRoutesAnswerOtherOriginsAndWriteRoutesDoNot() {
        for (String path : List.of("/static/credmark.js", "/v1/credentials/" + marked.id(), "/v1/trust/anchors")) {
            Answer a = api.get(path, "Origin", ORIGIN);
            assertEquals(200, a.status(), path);
            assertEquals("*", a.header("Access-Control-Allow-Origin"), path);
            assertNull(a.header("Access-Control-Allow-Credentials"), path);
        }
        Answer verify = api.postRaw("/v1/verify", "image/png", marked.image(), "Origin", ORIGIN);
        assertEquals(200, verify.status());
        assertEquals("*", verify.header("Access-Control-Allow-Origin"));
        assertEquals("trusted", verify.json().get("status").asText());

        // a raw image body is not a simple request: the browser asks first
        Answer preflight = api.send("OPTIONS", "/v1/verify", new byte[0], "Origin", ORIGIN,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertEquals(204, preflight.status());
        assertEquals("*", preflight.header("Access-Control-Allow-Origin"));
        assertEquals("POST", preflight.header("Access-Control-Allow-Methods"));
        assertEquals("Content-Type", preflight.header("Access-Control-Allow-Headers"));
        assertFalse(preflight.header("Access-Control-Allow-Headers").toLowerCase().contains("authorization"));

        // stamping and key management: no CORS headers on answers, and no preflight is granted
        Answer stamp = api.stamp(stampKey, WebFixtures.encode(WebFixtures.scene(320, 200), "png"), "image/png",
                WebFixtures.PROVENANCE, "Origin", ORIGIN);
        assertEquals(200, stamp.status());
        assertNull(stamp.header("Access-Control-Allow-Origin"));
        for (String path : List.of("/v1/stamp", "/v1/api-keys", "/v1/api-keys/front-end")) {
            Answer p = api.send("OPTIONS", path, new byte[0], "Origin", ORIGIN, "Access-Control-Request-Method",
                    "POST", "Access-Control-Request-Headers", "authorization");
            assertNull(p.header("Access-Control-Allow-Origin"), path);
            assertNull(p.header("Access-Control-Allow-Methods"), path);
        }
        Answer keys = api.get("/v1/api-keys", "Origin", ORIGIN, "Authorization", "Bearer " + service.adminKey);
        assertEquals(200, keys.status());
        assertNull(keys.header("Access-Control-Allow-Origin"));
        Answer denied = api.get("/v1/api-keys", "Origin", ORIGIN);
        assertEquals(401, denied.status());
        assertNull(denied.header("Access-Control-Allow-Origin"));
        assertNull(api.get("/c/" + marked.id(), "Origin", ORIGIN).header("Access-Control-Allow-Origin"));
        // a creator's own view needs an Authorization header, so a preflight, which is not granted
        Answer own = api.send("OPTIONS", "/v1/credentials/" + marked.id(), new byte[0], "Origin", ORIGIN,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
        assertNull(own.header("Access-Control-Allow-Origin"));
        assertNull(own.header("Access-Control-Allow-Headers"));
    }

    @Test
    void theCredentialPageShowsTheLineageAsAChainAndEscapesIt() {
        Answer a = api.get("/c/" + marked.id());
        assertEquals(200, a.status());
        String html = a.text();
        int chain = html.indexOf("<ol class=\"chain\"");
        assertTrue(chain > 0, "the chain is on the page");
        String[] steps = {"Trained on", "Inkwash reference scans (CC-BY-4.0)", "Base model",
                "Stable Diffusion XL Base 1.0", "Merged from", "Sumi Strokes XL v1.3 × 0.4", "Fine-tuned",
                "This model", "Inkwash XL 2.1 by mirelle.ink", "With adapters",
                "inkwash_texture_v3 (LoRA, weight 0.7, by mirelle.ink)", "This image"};
        int at = chain;
        for (String s : steps) {
            int next = html.indexOf(s, at);
            assertTrue(next > at, "'" + s + "' follows in the chain");
            at = next;
        }
        assertTrue(html.contains("Also credited: sumi.studio (merge ingredient)"));
        assertFalse(html.contains("<script>window.__pwned"), "the prompt is text");
        assertTrue(html.contains("&lt;script&gt;window.__pwned"));
        assertFalse(html.contains("<img src=x"));
        // the chain's style is the site's style sheet, which the page's policy allows
        assertTrue(a.header("Content-Security-Policy").contains("style-src 'self'"));
        assertFalse(a.text().contains("<style"), "no inline style");
    }

    /** Every page links the one style sheet, at its versioned URL, and its policy lets the sheet load. */
    @Test
    void everyPageLinksTheSiteStyleSheet() {
        Answer creator = api.postRaw("/v1/creators", "application/json",
                "{\"handle\":\"style.wren\"}".getBytes(StandardCharsets.UTF_8), "Authorization",
                "Bearer " + service.adminKey);
        assertEquals(201, creator.status(), creator.toString());
        Answer model = api.send("POST", "/v1/creators/style.wren/models",
                "{\"slug\":\"wren\",\"model\":{\"name\":\"Wren\"}}".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + creator.json().get("token").asText(), "Content-Type", "application/json");
        assertEquals(201, model.status(), model.toString());

        String sheet = null;
        for (String page : List.of("/", "/creator", "/c/" + marked.id(), "/c/" + marked.id() + "/report",
                "/m/style.wren:wren", "/u/style.wren")) {
            Answer a = api.get(page);
            assertEquals(200, a.status(), page);
            java.util.regex.Matcher link = java.util.regex.Pattern.compile(
                    "<link rel=\"stylesheet\" href=\"(/static/site\\.css\\?v=[0-9a-f]{32})\">").matcher(a.text());
            assertTrue(link.find(), "the style sheet is linked from " + page);
            String href = link.group(1);
            assertFalse(link.find(), "once, on " + page);
            assertFalse(a.text().contains("<style"), "no inline style on " + page);
            assertFalse(a.text().contains(" style=\""), "no style attribute on " + page);
            assertTrue(a.header("Content-Security-Policy").contains("style-src 'self'"), page);
            if (sheet == null) {
                sheet = href;
            }
            assertEquals(sheet, href, "the same sheet on " + page);
        }

        Answer versioned = api.get(sheet);
        assertEquals(200, versioned.status());
        assertEquals("text/css; charset=utf-8", versioned.contentType());
        assertEquals("public, max-age=31536000, immutable", versioned.header("Cache-Control"),
                "a changed sheet has another URL, so this one may be kept");
        assertEquals("\"" + sheet.substring(sheet.indexOf("?v=") + 3) + "\"", versioned.header("ETag"));
        assertTrue(versioned.text().contains(".credential-page") && versioned.text().contains(".model-page"));
        assertEquals(304, api.get(sheet, "If-None-Match", versioned.header("ETag")).status());
        Answer stale = api.get("/static/site.css?v=0123456789abcdef0123456789abcdef");
        assertEquals(200, stale.status());
        assertEquals("public, max-age=300", stale.header("Cache-Control"), "another version is only revalidated");
        assertEquals("public, max-age=300", api.get("/static/site.css").header("Cache-Control"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
