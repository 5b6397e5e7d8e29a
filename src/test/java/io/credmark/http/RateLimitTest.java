package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-client rate limits: 429 problem documents with Retry-After, counted per API key or per address. */
class RateLimitTest {

    private static final String LOOKUP = "/matches/byBinding?alg=io.credmark.watermark.1&value=AAAAAAAA";

    @Test
    void anonymousLookupsAreLimitedPerAddressAndTheProxyHeaderCountsOnlyWhenTrusted(@TempDir Path dir) {
        try (TestService service = TestService.on(TestDatabase.H2, dir, Map.of("ratelimit.lookup.per-minute", "3"))) {
            ApiClient api = service.client();
            for (int i = 0; i < 3; i++) {
                assertTrue(api.get(LOOKUP).status() != 429, "request " + i + " is within the budget");
            }
            ApiClient.Answer over = api.get(LOOKUP);
            assertEquals(429, over.status(), over.toString());
            assertTrue(over.contentType().startsWith(Problems.MEDIA_TYPE), over.contentType());
            assertEquals("too-many-requests", over.json().get("type").asText().replaceAll(".*/", ""));
            long retry = Long.parseLong(over.header("Retry-After"));
            assertTrue(retry >= 1 && retry <= 20, "Retry-After " + retry);
            // the same budget covers the other lookups of this address
            assertEquals(429, api.get("/v1/creators/nobody").status());
            assertEquals(429, api.get("/v1/credentials/1p9vytkzwj7ct/embed").status(), "the embed snippet too");
            // a forwarded-for header is the client's own claim unless a proxy is trusted to set it
            assertEquals(429, api.get(LOOKUP, "X-Forwarded-For", "203.0.113.9").status());
            // health is never limited
            assertEquals(200, api.get("/healthz").status());
        }
        try (TestService service = TestService.on(TestDatabase.H2, dir.resolve("proxied"),
                Map.of("ratelimit.lookup.per-minute", "2", "http.trusted-proxy-header", "X-Forwarded-For"))) {
            ApiClient api = service.client();
            for (String client : new String[] {"203.0.113.9", "203.0.113.10"}) {
                // the proxy appends the address it saw; what the client put before it is not trusted
                String header = "198.51.100.1, " + client;
                assertTrue(api.get(LOOKUP, "X-Forwarded-For", header).status() != 429);
                assertTrue(api.get(LOOKUP, "X-Forwarded-For", header).status() != 429);
                assertEquals(429, api.get(LOOKUP, "X-Forwarded-For", header).status(), client);
            }
        }
    }

    /**
     * Misuse reports have two budgets of the same kind: the reporting client's (the client as the other limits count
     * it, here by the trusted proxy's address) and the credential's, which all clients share.
     */
    @Test
    void reportsAreLimitedPerClientAndPerCredential(@TempDir Path dir) {
        try (TestService service = TestService.on(TestDatabase.H2, dir, Map.of(
                "reports.perClientPerHour", "2", "reports.perCredentialPerHour", "3",
                "http.trusted-proxy-header", "X-Forwarded-For"))) {
            String key = service.createStampKey();
            ApiClient api = service.client();
            String first = stamp(api, key);
            String second = stamp(api, key);
            assertEquals(201, report(api, first, "203.0.113.1").status());
            assertEquals(201, report(api, first, "203.0.113.1").status());
            ApiClient.Answer byClient = report(api, second, "203.0.113.1");
            assertEquals(429, byClient.status(), "the client's budget covers every credential: " + byClient);
            long clientWait = Long.parseLong(byClient.header("Retry-After"));
            assertTrue(clientWait > 1700 && clientWait <= 1800, "one report per half hour at 2 an hour: " + clientWait);
            assertTrue(byClient.json().get("detail").asText().contains("reports from this client"), byClient.text());

            assertEquals(201, report(api, first, "203.0.113.2").status(), "another client's budget");
            ApiClient.Answer about = report(api, first, "203.0.113.3");
            assertEquals(429, about.status(), "the credential's budget is shared: " + about);
            long credentialWait = Long.parseLong(about.header("Retry-After"));
            assertTrue(credentialWait > 1100 && credentialWait <= 1200, "one per 20 minutes: " + credentialWait);
            assertTrue(about.json().get("detail").asText().contains("reports about this credential"), about.text());
            assertEquals(201, report(api, second, "203.0.113.3").status(), "another credential, within the client's budget");
        }
    }

    private static String stamp(ApiClient api, String key) {
        ApiClient.Answer stamped = api.stamp(key, ApiContract.image("rgb8.png"), "image/png", ApiContract.example());
        assertEquals(200, stamped.status(), stamped.toString());
        return stamped.header("Credential-Id");
    }

    private static ApiClient.Answer report(ApiClient api, String credential, String address) {
        return api.postRaw("/v1/credentials/" + credential + "/reports", "application/json",
                ApiContract.utf8("{\"category\":\"other\",\"message\":\"not made by the creator\"}"),
                "X-Forwarded-For", address);
    }

    @Test
    void stampsAreLimitedPerApiKey(@TempDir Path dir) {
        try (TestService service = TestService.on(TestDatabase.H2, dir,
                Map.of("ratelimit.stamp.per-minute", "1", "ratelimit.verify.per-minute", "1"))) {
            String key = service.createStampKey();
            byte[] image = ApiContract.image("rgb8.png");
            ApiClient api = service.client();
            assertEquals(200, api.stamp(key, image, "image/png", ApiContract.example()).status());
            ApiClient.Answer second = api.stamp(key, image, "image/png", ApiContract.example());
            assertEquals(429, second.status(), second.toString());
            assertTrue(Long.parseLong(second.header("Retry-After")) >= 1);
            // verifying is another budget, of the address
            assertEquals(200, api.postRaw("/v1/verify", "image/png", image).status());
            assertEquals(429, api.postRaw("/v1/verify", "image/png", image).status());
        }
    }
}
