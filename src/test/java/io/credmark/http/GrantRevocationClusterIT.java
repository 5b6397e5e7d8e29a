package io.credmark.http;

import static io.credmark.http.ApiContract.example;
import static io.credmark.http.ApiContract.image;
import static io.credmark.http.ApiContract.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.http.ApiClient.Answer;
import io.credmark.http.ApiClient.Part;
import io.credmark.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A creator's grant is revoked on every node at once: two nodes of one deployment, each on its own port, share one
 * PostgreSQL database, one data directory (the CAs and the store and watermark keys, as on a shared volume) and one
 * public URL. The creator grants and revokes through node A; a front end stamps through node B, and its very next
 * stamp after the revocation carries no identity. PostgreSQL only: an embedded H2 file cannot be shared by two
 * nodes.
 */
class GrantRevocationClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PUBLIC_URL = "https://credmark.example";

    @Test
    void aGrantRevokedThroughOneNodeStopsTheNextStampThroughTheOther(@TempDir Path dir) {
        Path data = dir.resolve("data");
        try (TestDatabase.Provisioned db = TestDatabase.POSTGRES.provision(dir);
                TestService a = TestService.start(data, db.url(), PUBLIC_URL, Map.of());
                TestService b = TestService.start(data, db.url(), PUBLIC_URL, Map.of())) {
            assertNotEquals(a.base, b.base, "two nodes, two ports");
            String admin = Optional.ofNullable(a.adminKey).orElseThrow();
            assertNull(b.adminKey, "the second node finds the deployment's admin key in the database");

            // set up through node A: the front end's key, the creator, the creator's grant
            Answer key = a.client().postRaw("/v1/api-keys", "application/json",
                    utf8("{\"name\":\"wren-studio\",\"role\":\"stamp\"}"), "Authorization", "Bearer " + admin);
            assertEquals(201, key.status(), key.toString());
            String frontEnd = key.json().get("key").asText();
            Answer registered = a.client().postRaw("/v1/creators", "application/json",
                    utf8("{\"handle\":\"wren.atelier\"}"), "Authorization", "Bearer " + admin);
            assertEquals(201, registered.status(), registered.toString());
            String creator = registered.json().get("token").asText();
            assertEquals(200, a.client().send("PUT", "/v1/creators/wren.atelier", utf8("{\"displayName\":\"Wren"
                    + " Atelier\"}"), "Authorization", "Bearer " + creator, "Content-Type", "application/json")
                    .status());
            assertEquals(200, grants(a, creator, "[\"wren-studio\"]").status());

            // a stamp through node B carries the creator's confirmed identity
            JsonNode granted = stamp(b, frontEnd);
            assertTrue(granted.at("/creatorIdentity/confirmed").asBoolean(), granted.toString());
            assertEquals("Wren Atelier", granted.at("/creatorIdentity/displayName").asText());
            String grantedId = granted.get("id").asText();
            for (TestService n : List.of(a, b)) {
                JsonNode report = verify(n, granted);
                assertEquals("trusted", report.get("status").asText(), report.toString());
                assertTrue(report.at("/summary/creatorIdentity/confirmed").asBoolean(), report.toString());
            }

            // revoked through node A: the very next stamp through node B is only named
            Answer revoked = grants(a, creator, "[]");
            assertEquals(200, revoked.status(), revoked.toString());
            assertEquals(0, revoked.json().get("grants").size());
            JsonNode after = stamp(b, frontEnd);
            assertFalse(after.at("/creatorIdentity/confirmed").asBoolean(), after.toString());
            assertEquals("Creator named by wren-studio, not confirmed", after.at("/creatorIdentity/text").asText());
            for (TestService n : List.of(a, b)) {
                JsonNode report = verify(n, after);
                assertFalse(report.at("/summary/creatorIdentity/confirmed").asBoolean(), report.toString());
                assertEquals("Creator named by the front end that requested the stamp, not confirmed",
                        report.at("/summary/creatorIdentity/text").asText(), report.toString());
                assertFalse(report.at("/summary/assertions").toString().contains("cawg.identity"),
                        report.toString());
                JsonNode view = n.client().get("/v1/credentials/" + after.get("id").asText()).json();
                assertFalse(view.at("/creatorIdentity/confirmed").asBoolean(), view.toString());
            }

            // what was issued under the grant stays confirmed, on both nodes
            for (TestService n : List.of(a, b)) {
                JsonNode view = n.client().get("/v1/credentials/" + grantedId).json();
                assertTrue(view.at("/creatorIdentity/confirmed").asBoolean(), view.toString());
                assertEquals(granted.get("creatorIdentity"), view.get("creatorIdentity"));
                assertTrue(verify(n, granted).at("/summary/creatorIdentity/confirmed").asBoolean());
                assertTrue(n.client().get("/c/" + grantedId).text().contains("Creator confirmed: Wren Atelier"
                        + " (wren.atelier), signed "));
            }
        }
    }

    private static Answer grants(TestService n, String token, String apiKeys) {
        return n.client().send("PUT", "/v1/creators/wren.atelier/grants", utf8("{\"apiKeys\":" + apiKeys + "}"),
                "Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    private static JsonNode stamp(TestService n, String key) {
        ObjectNode provenance;
        try {
            provenance = (ObjectNode) JSON.readTree(example());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ((ObjectNode) provenance.get("creator")).put("handle", "wren.atelier");
        Answer a = n.client().stamp(key, image("rgb8.png"), "image/png", provenance.toString(), "Accept",
                "application/json");
        assertEquals(200, a.status(), a.toString());
        assertNotNull(a.json().get("creatorIdentity"), a.toString());
        return a.json();
    }

    private static JsonNode verify(TestService n, JsonNode stamped) {
        byte[] png = Base64.getDecoder().decode(stamped.get("image").asText());
        Answer a = n.client().postMultipart("/v1/verify", List.of(Part.file("image", "i.png", "image/png", png)));
        assertEquals(200, a.status(), a.toString());
        return a.json();
    }
}
