package io.credmark.http;

import static io.credmark.http.ApiContract.assertProblem;
import static io.credmark.http.ApiContract.example;
import static io.credmark.http.ApiContract.image;
import static io.credmark.http.ApiContract.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.http.ApiClient.Answer;
import io.credmark.http.ApiClient.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Usage figures, misuse reports, the creator's inbox, notices and profiles over real HTTP against a started node
 * and a real database; the subclasses run it on H2 and on PostgreSQL. Each test has creators of its own.
 */
abstract class UsageContract extends ServiceContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reports one client may file per hour in these tests: every test reports from loopback. */
    private static final int REPORTS_PER_CLIENT = 50;

    @Override
    Map<String, String> settings() {
        return Map.of("reports.perClientPerHour", Integer.toString(REPORTS_PER_CLIENT),
                "reports.perCredentialPerHour", "3");
    }

    /**
     * Stamps, verifications by each channel, page views and reports are counted per credential and day, rolled up
     * per model; the embedding host is kept by name only; CSV and weeks give the same sums; only the creator reads.
     */
    @Test
    void usageIsCountedPerDayAndModelAndReadOnlyByItsCreator() {
        String token = register("usage.heron");
        Answer stamped = api.stamp(stampKey, image("rgb8.png"), "image/png", provenance("usage.heron", "Heron Ink"),
                "Accept", "application/json");
        assertEquals(200, stamped.status(), stamped.toString());
        String id = stamped.json().get("id").asText();
        byte[] png = java.util.Base64.getDecoder().decode(stamped.json().get("image").asText());
        assertEquals(200, api.stamp(stampKey, image("rgb8.png"), "image/png", provenance("usage.heron", "Heron Ink"))
                .status());

        assertEquals(200, verify(png, "/v1/verify").status());
        assertEquals(200, verify(png, "/v1/verify?via=page").status());
        assertEquals(200, verify(png, "/v1/verify?via=component", "Origin", "https://news.example.org").status());
        assertEquals(200, verify(png, "/v1/verify?via=component", "Referer",
                "https://blog.example.net/2026/12/heron?viewer=someone").status());
        assertEquals(200, api.get("/c/" + id).status());
        assertEquals(200, api.get("/c/" + id).status());
        assertEquals(201, report(id, "misattribution", "not theirs", null).status());
        service.server.usage().counter().flush();

        Answer a = api.get("/v1/creators/usage.heron/usage", bearer(token));
        assertEquals(200, a.status(), a.toString());
        assertEquals("private, no-store", a.header("Cache-Control"));
        JsonNode totals = a.json().get("totals");
        assertEquals(2, totals.path("stamp").asLong(), a.toString());
        assertEquals(1, totals.path("verify-api").asLong(), a.toString());
        assertEquals(1, totals.path("verify-page").asLong(), a.toString());
        assertEquals(2, totals.path("verify-component").asLong(), a.toString());
        assertEquals(2, totals.path("page-view").asLong(), a.toString());
        assertEquals(1, totals.path("report").asLong(), a.toString());
        assertEquals(2, a.json().at("/stampsByApiKey/front-end").asLong(), a.toString());
        assertEquals(List.of("blog.example.net", "news.example.org"), a.json().findValuesAsText("host").stream()
                .sorted().toList(), "the host only: no path, no query");
        assertFalse(a.text().contains("viewer=someone"));
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        JsonNode first = a.json().get("series").get(0);
        assertEquals(today, first.get("period").asText());
        assertEquals("Heron Ink", first.get("model").asText(), "a model named, not registered");

        Answer csv = api.get("/v1/creators/usage.heron/usage?granularity=week", "Accept", "text/csv",
                "Authorization", "Bearer " + token);
        assertEquals(200, csv.status(), csv.toString());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.toString());
        List<String> lines = csv.text().lines().toList();
        assertEquals("period,model,event,count", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.endsWith(",Heron Ink,stamp,2")), csv.text());
        String monday = LocalDate.now(ZoneOffset.UTC).with(java.time.temporal.TemporalAdjusters.previousOrSame(
                java.time.DayOfWeek.MONDAY)).toString();
        assertTrue(lines.get(1).startsWith(monday + ","), csv.text());

        assertEquals(0, api.get("/v1/creators/usage.heron/usage?model=Other", bearer(token)).json().get("series")
                .size());
        assertEquals(0, api.get("/v1/creators/usage.heron/usage?from=2020-01-01&to=2020-01-02", bearer(token)).json()
                .get("series").size());
        assertProblem(api.get("/v1/creators/usage.heron/usage?from=2026-13-01", bearer(token)), 400, "bad-request");
        assertProblem(api.get("/v1/creators/usage.heron/usage?from=2020-01-01&to=2025-01-01", bearer(token)), 400,
                "bad-request");
        assertProblem(api.get("/v1/creators/usage.heron/usage?granularity=hour", bearer(token)), 400, "bad-request");
        assertProblem(api.get("/v1/creators/usage.heron/usage"), 401, "unauthorized");
        assertProblem(api.get("/v1/creators/usage.heron/usage", bearer(register("usage.rival"))), 403, "forbidden");
        assertProblem(api.get("/v1/creators/usage.heron/usage", bearer(stampKey)), 403, "forbidden");
    }

    /** Days older than usage.retentionDays (400) are deleted by the housekeeping job; the 400th day stays. */
    @Test
    void daysPastRetentionAreDeleted() {
        register("usage.old");
        long credential = io.credmark.credential.CredentialId.parse(stamp("usage.old")).orElseThrow().value();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        io.credmark.store.UsageRepository store = new io.credmark.store.UsageRepository(service.node.database());
        store.add(Map.of(new io.credmark.store.UsageRepository.Increment(today.minusDays(400), credential,
                "page-view", ""), 5L, new io.credmark.store.UsageRepository.Increment(today.minusDays(399),
                credential, "page-view", ""), 7L));
        service.server.usage().housekeeping();
        List<io.credmark.store.UsageRepository.Figure> left = store.byCreator("usage.old", today.minusDays(500),
                today, java.util.Optional.empty()).stream().filter(f -> f.event().equals("page-view")).toList();
        assertEquals(1, left.size(), left.toString());
        assertEquals(today.minusDays(399), left.get(0).day());
        assertEquals(7, left.get(0).count());
    }

    /** A registered model's totals show on its page only once its creator makes them public. */
    @Test
    void aModelsTotalsArePublicOnlyWhenItsCreatorSaysSo() {
        String token = register("usage.kite");
        assertEquals(201, send("POST", "/v1/creators/usage.kite/models", "{\"slug\":\"kite-xl\",\"model\":{\"name\":"
                + "\"Kite XL\"}}", token).status());
        Answer stamped = api.postMultipart("/v1/stamp", List.of(Part.file("image", "in.png", "image/png",
                image("rgb8.png")), Part.json("provenance", "{\"registeredModel\":\"usage.kite:kite-xl\","
                + "\"generation\":{\"prompt\":\"a kite\"}}")), "Authorization", "Bearer " + stampKey);
        assertEquals(200, stamped.status(), stamped.toString());
        service.server.usage().counter().flush();
        assertFalse(api.get("/m/usage.kite:kite-xl").text().contains("Usage figures"));
        assertProblem(send("PUT", "/v1/creators/usage.kite/models/usage.kite:kite-xl/usage-figures",
                "{\"visibility\":\"everyone\"}", token), 422, "invalid-document");
        assertEquals(200, send("PUT", "/v1/creators/usage.kite/models/usage.kite:kite-xl/usage-figures",
                "{\"visibility\":\"public\"}", token).status());
        String page = api.get("/m/usage.kite:kite-xl").text();
        assertTrue(page.contains("Usage figures") && page.contains("<dt>stamp</dt><dd>1</dd>"), page);
        assertTrue(api.get("/u/usage.kite").text().contains("<dt>stamp</dt><dd>1</dd>"));
        JsonNode usage = api.get("/v1/creators/usage.kite/usage", bearer(token)).json();
        assertEquals("usage.kite:kite-xl", usage.at("/series/0/model").asText(), usage.toString());
    }

    /**
     * Anyone reports; the report reaches the creator's inbox with the contact, which nobody else sees; the creator
     * answers with a status and a private note. Bad reports get 422 naming the member, unknown credentials 404, and a
     * client over its limit 429 with Retry-After.
     */
    @Test
    void reportsReachTheCreatorsInboxWhoAnswersThem() {
        String token = register("usage.wren");
        String id = stamp("usage.wren");
        Answer filed = report(id, "violates-usage-terms", "<b>made against the terms</b>", "me@example.org");
        assertEquals(201, filed.status(), filed.toString());
        String reportId = filed.json().get("id").asText();
        assertEquals("open", filed.json().get("status").asText());
        assertFalse(filed.text().contains("me@example.org"), "the reporter is not shown their contact back");

        assertProblem(report(id, "rude", "x", null), 422, "invalid-document");
        Answer empty = report(id, "other", "   ", null);
        assertProblem(empty, 422, "invalid-document");
        assertEquals("message", empty.json().at("/errors/0/path").asText(), empty.toString());
        assertProblem(report(id, "other", "x".repeat(2001), null), 422, "invalid-document");
        assertProblem(api.postRaw("/v1/credentials/" + id + "/reports", "application/json",
                utf8("{\"category\":\"other\",\"message\":\"m\",\"ip\":\"1.2.3.4\"}")), 422, "invalid-document");
        assertProblem(report("aaaaaaaaaaaaa", "other", "no such credential", null), 404, "not-found");

        Answer inbox = api.get("/v1/creators/usage.wren/reports", bearer(token));
        assertEquals(200, inbox.status(), inbox.toString());
        JsonNode r = inbox.json().at("/reports/0");
        assertEquals(reportId, r.get("id").asText());
        assertEquals("<b>made against the terms</b>", r.get("message").asText(), "kept as typed, shown as text");
        assertEquals("me@example.org", r.get("contact").asText());
        assertEquals(id, r.at("/credential/id").asText());
        assertProblem(api.get("/v1/creators/usage.wren/reports"), 401, "unauthorized");
        String rival = register("usage.wren.rival");
        assertProblem(api.get("/v1/creators/usage.wren/reports", bearer(rival)), 403, "forbidden");
        assertProblem(send("PATCH", "/v1/creators/usage.wren.rival/reports/" + reportId,
                "{\"status\":\"resolved\"}", rival), 404, "not-found");

        Answer answered = send("PATCH", "/v1/creators/usage.wren/reports/" + reportId,
                "{\"status\":\"acknowledged\",\"note\":\"asked the front end to take it down\"}", token);
        assertEquals(200, answered.status(), answered.toString());
        assertEquals("acknowledged", answered.json().get("status").asText());
        assertEquals("asked the front end to take it down", answered.json().get("note").asText());
        assertProblem(send("PATCH", "/v1/creators/usage.wren/reports/" + reportId, "{\"status\":\"gone\"}", token),
                422, "invalid-document");
        assertEquals(1, api.get("/v1/creators/usage.wren/reports?status=acknowledged", bearer(token)).json()
                .get("reports").size());
        assertEquals(0, api.get("/v1/creators/usage.wren/reports?status=open", bearer(token)).json()
                .get("reports").size());
        assertProblem(api.get("/v1/creators/usage.wren/reports?status=maybe", bearer(token)), 422,
                "invalid-document");
    }

    /** Per credential, then per client: the 429 says when to come back. */
    @Test
    void reportsAreRateLimitedPerCredential() {
        register("usage.owl");
        String id = stamp("usage.owl");
        for (int i = 0; i < 3; i++) {
            assertEquals(201, report(id, "other", "report " + i, null).status());
        }
        Answer limited = report(id, "other", "one too many", null);
        assertProblem(limited, 429, "too-many-requests");
        long wait = Long.parseLong(limited.header("Retry-After"));
        assertTrue(wait > 0 && wait <= 3600, limited.toString());
    }

    /**
     * A notice on a credential shows on its page (as text), in its JSON and in verify's answer, dated and attributed;
     * a model's notice covers its credentials; only the creator sets them.
     */
    @Test
    void aNoticeTravelsWithTheCredentialWhereverItIsChecked() {
        String token = register("usage.ibis");
        Answer stamped = api.stamp(stampKey, image("rgb8.png"), "image/png", provenance("usage.ibis", "Ibis"),
                "Accept", "application/json");
        String id = stamped.json().get("id").asText();
        byte[] png = java.util.Base64.getDecoder().decode(stamped.json().get("image").asText());
        String text = "Made against the terms <script>alert(1)</script>; not endorsed.";
        Answer set = send("PUT", "/v1/credentials/" + id + "/notice", JSON.createObjectNode().put("text", text)
                .toString(), token);
        assertEquals(200, set.status(), set.toString());
        assertEquals("usage.ibis", set.json().get("creator").asText());
        assertNotNull(set.json().get("updatedAt"));

        assertEquals(text, api.get("/v1/credentials/" + id).json().at("/notice/text").asText());
        JsonNode verified = verify(png, "/v1/verify").json();
        assertEquals(text, verified.at("/notice/text").asText(), verified.toString());
        assertEquals("usage.ibis", verified.at("/notice/creator").asText());
        String page = api.get("/c/" + id).text();
        assertTrue(page.contains("Made against the terms &lt;script&gt;alert(1)&lt;/script&gt;; not endorsed."), page);
        assertFalse(page.contains("<script>alert(1)"));
        assertTrue(page.contains("/c/" + id + "/report"), "the page links to the report form");

        String rival = register("usage.ibis.rival");
        assertProblem(send("PUT", "/v1/credentials/" + id + "/notice", "{\"text\":\"mine\"}", rival), 403,
                "forbidden");
        assertProblem(send("PUT", "/v1/credentials/" + id + "/notice", "{\"text\":\"" + "n".repeat(501) + "\"}",
                token), 422, "invalid-document");
        assertEquals(204, api.send("DELETE", "/v1/credentials/" + id + "/notice", new byte[0], bearer(token)[0],
                bearer(token)[1]).status());
        assertTrue(api.get("/v1/credentials/" + id).json().path("notice").isMissingNode());

        assertEquals(201, send("POST", "/v1/creators/usage.ibis/models", "{\"slug\":\"ibis\",\"model\":{\"name\":"
                + "\"Ibis\"}}", token).status());
        Answer fromModel = api.postMultipart("/v1/stamp", List.of(Part.file("image", "in.png", "image/png",
                image("rgb8.png")), Part.json("provenance", "{\"registeredModel\":\"usage.ibis:ibis\","
                + "\"generation\":{\"prompt\":\"an ibis\"}}")), "Authorization", "Bearer " + stampKey,
                "Accept", "application/json");
        String modelCredential = fromModel.json().get("id").asText();
        assertEquals(200, send("PUT", "/v1/creators/usage.ibis/models/usage.ibis:ibis/notice",
                "{\"text\":\"The creator withdrew this model.\"}", token).status());
        JsonNode n = api.get("/v1/credentials/" + modelCredential).json().get("notice");
        assertEquals("The creator withdrew this model.", n.get("text").asText());
        assertEquals("usage.ibis:ibis", n.get("model").asText());
        assertEquals(1, api.get("/v1/creators/usage.ibis/notices", bearer(token)).json().get("notices").size());
    }

    /** The profile is the creator's to set, shown on /u/{handle} and in the creator's JSON, always as text. */
    @Test
    void aProfileIsShownAsText() {
        String token = register("usage.sumi");
        assertProblem(send("PUT", "/v1/creators/usage.sumi", "{\"link\":\"javascript:alert(1)\"}", token), 422,
                "invalid-document");
        Answer put = send("PUT", "/v1/creators/usage.sumi", "{\"displayName\":\"Sumi <i>Studio</i>\",\"link\":"
                + "\"https://sumi.example.org/\",\"bio\":\"Ink & brush models.\"}", token);
        assertEquals(200, put.status(), put.toString());
        assertEquals("Sumi <i>Studio</i>", api.get("/v1/creators/usage.sumi").json().at("/profile/displayName")
                .asText());
        Answer page = api.get("/u/usage.sumi");
        assertEquals(200, page.status());
        assertTrue(page.text().contains("Sumi &lt;i&gt;Studio&lt;/i&gt;") && page.text().contains("Ink &amp; brush"),
                page.text());
        assertProblem(api.get("/u/nobody.here"), 404, "not-found");
        assertProblem(send("PUT", "/v1/creators/usage.sumi", "{\"bio\":\"x\"}", register("usage.sumi.rival")),
                403, "forbidden");
    }

    /** Webhooks: https to public hosts only by default; the secret is never shown back. */
    @Test
    void aWebhookMustBeHttpsAndItsSecretIsNotShownBack() {
        String token = register("usage.crane");
        assertProblem(send("PUT", "/v1/creators/usage.crane/webhook",
                "{\"url\":\"http://hooks.example.org/x\",\"secret\":\"0123456789abcdef\"}", token), 422,
                "invalid-document");
        assertProblem(send("PUT", "/v1/creators/usage.crane/webhook",
                "{\"url\":\"https://127.0.0.1/x\",\"secret\":\"0123456789abcdef\"}", token), 422, "invalid-document");
        assertProblem(send("PUT", "/v1/creators/usage.crane/webhook",
                "{\"url\":\"https://10.1.2.3/x\",\"secret\":\"0123456789abcdef\"}", token), 422, "invalid-document");
        assertProblem(send("PUT", "/v1/creators/usage.crane/webhook",
                "{\"url\":\"https://93.184.215.14/x\",\"secret\":\"short\"}", token), 422, "invalid-document");
        Answer ok = send("PUT", "/v1/creators/usage.crane/webhook",
                "{\"url\":\"https://93.184.215.14/hook\",\"secret\":\"0123456789abcdef-secret\"}", token);
        assertEquals(200, ok.status(), ok.toString());
        assertFalse(ok.text().contains("0123456789abcdef-secret"));
        Answer got = api.get("/v1/creators/usage.crane/webhook", bearer(token));
        assertEquals("https://93.184.215.14/hook", got.json().get("url").asText());
        assertFalse(got.text().contains("secret"), got.text());
        assertEquals(204, api.send("DELETE", "/v1/creators/usage.crane/webhook", new byte[0], bearer(token)[0],
                bearer(token)[1]).status());
        assertProblem(api.get("/v1/creators/usage.crane/webhook", bearer(token)), 404, "not-found");
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private String stamp(String handle) {
        Answer a = api.stamp(stampKey, image("rgb8.png"), "image/png", provenance(handle, "Model"), "Accept",
                "application/json");
        assertEquals(200, a.status(), a.toString());
        return a.json().get("id").asText();
    }

    private Answer verify(byte[] png, String path, String... headers) {
        return api.postMultipart(path, List.of(Part.file("image", "x.png", "image/png", png)), headers);
    }

    private Answer report(String id, String category, String message, String contact) {
        ObjectNode body = JSON.createObjectNode().put("category", category).put("message", message);
        if (contact != null) {
            body.put("contact", contact);
        }
        return api.postRaw("/v1/credentials/" + id + "/reports", "application/json", utf8(body.toString()));
    }

    private String register(String handle) {
        Answer a = api.postRaw("/v1/creators", "application/json", utf8("{\"handle\":\"" + handle + "\"}"),
                "Authorization", "Bearer " + service.adminKey);
        assertEquals(201, a.status(), a.toString());
        return a.json().get("token").asText();
    }

    private Answer send(String method, String path, String json, String token) {
        return api.send(method, path, utf8(json), "Authorization", "Bearer " + token, "Content-Type",
                "application/json");
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    static String provenance(String handle, String model) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(example());
            ((ObjectNode) doc.get("creator")).put("handle", handle);
            ((ObjectNode) doc.get("model")).put("name", model);
            return doc.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
