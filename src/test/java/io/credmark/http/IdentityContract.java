package io.credmark.http;

import static io.credmark.http.ApiContract.assertProblem;
import static io.credmark.http.ApiContract.example;
import static io.credmark.http.ApiContract.image;
import static io.credmark.http.ApiContract.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.http.ApiClient.Answer;
import io.credmark.http.ApiClient.Part;
import io.credmark.testing.ReferenceVerdict;
import io.credmark.testing.ReferenceVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The creator's own identity in manifests (CAWG identity assertion), over real HTTP against a started service node
 * and a real database; the subclasses run it on H2 and on PostgreSQL. A front end gets a confirmed identity only for
 * a registered creator who granted its API key, and loses it the moment the grant is revoked. Each test has
 * creators of its own.
 */
abstract class IdentityContract extends ServiceContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String grantedKey;
    private String otherKey;

    @BeforeAll
    void createKeys() {
        grantedKey = createKey("studio-granted");
        otherKey = createKey("studio-other");
    }

    @Test
    void aFrontEndWithoutAGrantNeverObtainsAConfirmedIdentity() {
        String token = register("ilse.vark");
        profile("ilse.vark", "Ilse Vark", token);
        assertEquals(200, grants("ilse.vark", "[\"studio-granted\"]", token).status());

        // another front end names the same creator: only named, and the file carries no identity assertion
        JsonNode stamped = stamp(otherKey, "ilse.vark");
        JsonNode identity = stamped.get("creatorIdentity");
        assertFalse(identity.get("confirmed").asBoolean(), stamped.toString());
        assertEquals("Creator named by studio-other, not confirmed", identity.get("text").asText());
        JsonNode report = verify(stamped);
        assertFalse(report.at("/summary/creatorIdentity/confirmed").asBoolean(), report.toString());
        assertEquals("Creator named by the front end that requested the stamp, not confirmed",
                report.at("/summary/creatorIdentity/text").asText());
        assertFalse(report.at("/summary/assertions").toString().contains("cawg.identity"), report.toString());
        JsonNode credential = api.get("/v1/credentials/" + stamped.get("id").asText()).json();
        assertFalse(credential.at("/creatorIdentity/confirmed").asBoolean());
        assertFalse(credential.toString().contains("studio-other"), "the API key is named to its creator only");
        assertTrue(api.get("/c/" + stamped.get("id").asText()).text()
                .contains("Creator named by the front end that requested the stamp, not confirmed"));
        // to the creator, the page names the front end
        assertTrue(api.get("/c/" + stamped.get("id").asText(), "Authorization", "Bearer " + token).text()
                .contains("Creator named by studio-other, not confirmed"));

        // the granted front end, for a handle nobody registered: no identity either
        JsonNode unregistered = stamp(grantedKey, "nobody.registered");
        assertFalse(unregistered.at("/creatorIdentity/confirmed").asBoolean(), unregistered.toString());
        assertFalse(verify(unregistered).at("/summary/assertions").toString().contains("cawg.identity"));
    }

    @Test
    void aGrantedFrontEndStampsWithTheCreatorsIdentityUntilTheGrantIsRevoked() {
        String token = register("mirelle.ink");
        profile("mirelle.ink", "Mirelle Ink", token);
        Answer set = grants("mirelle.ink", "[\"studio-granted\"]", token);
        assertEquals(200, set.status(), set.toString());
        assertEquals("studio-granted", set.json().at("/grants/0/apiKey").asText());
        Answer listed = api.get("/v1/creators/mirelle.ink/grants", "Authorization", "Bearer " + token);
        assertEquals(set.json().get("grants"), listed.json().get("grants"));
        assertEquals("private, no-store", listed.header("Cache-Control"));

        JsonNode stamped = stamp(grantedKey, "mirelle.ink");
        JsonNode identity = stamped.get("creatorIdentity");
        assertTrue(identity.get("confirmed").asBoolean(), stamped.toString());
        assertEquals("Mirelle Ink", identity.get("displayName").asText());
        assertEquals("mirelle.ink", identity.get("handle").asText());
        assertEquals("Creator confirmed: Mirelle Ink (mirelle.ink), signed " + identity.get("signedAt").asText(),
                identity.get("text").asText());

        JsonNode report = verify(stamped);
        assertEquals("trusted", report.get("status").asText(), report.toString());
        JsonNode confirmed = report.at("/summary/creatorIdentity");
        assertTrue(confirmed.get("confirmed").asBoolean(), report.toString());
        assertEquals("Mirelle Ink", confirmed.get("displayName").asText());
        assertEquals("mirelle.ink", confirmed.get("handle").asText());
        assertEquals(identity.get("signedAt").asText(), confirmed.get("signedAt").asText());
        assertTrue(report.at("/validation/success").toString().contains("cawg.identity.well-formed"));
        assertTrue(report.at("/validation/success").toString().contains("cawg.x509.credential.trusted"));

        // c2pa-rs, with the installation's anchors from GET /v1/trust/anchors: C2PA set as trust anchors, CAWG set as
        // CAWG anchors; the identity is well-formed, validated and trusted, and the file Trusted
        ReferenceVerdict reference = ReferenceVerifier.create()
                .withTrustAnchors(write(directory.resolve("c2pa.pem"), api.get("/v1/trust/anchors?set=c2pa").text()))
                .withCawgTrustAnchors(write(directory.resolve("cawg.pem"),
                        api.get("/v1/trust/anchors?set=cawg").text()))
                .verify(write(directory.resolve("confirmed.png"), Base64.getDecoder().decode(
                        stamped.get("image").asText())));
        assertTrue(reference.isTrusted(), reference.summary());
        assertTrue(reference.successCodes().containsAll(List.of("cawg.identity.well-formed",
                "cawg.x509.signature.validated", "cawg.x509.credential.trusted")), reference.successCodes().toString());

        String id = stamped.get("id").asText();
        assertEquals(identity, api.get("/v1/credentials/" + id).json().get("creatorIdentity"));
        assertTrue(api.get("/c/" + id).text().contains("Creator confirmed: Mirelle Ink (mirelle.ink), signed "));

        // the creator's evidence bundle carries the identity credential's chain up to the creator-identity root
        JsonNode bundle = api.get("/v1/credentials/" + id + "/evidence", "Authorization", "Bearer " + token).json();
        JsonNode identities = bundle.at("/signature/identities");
        assertEquals(1, identities.size(), bundle.toString());
        assertTrue(identities.get(0).get("assertion").asText().startsWith("cawg.identity"), bundle.toString());
        JsonNode chain = identities.get(0).get("chain");
        assertTrue(chain.size() >= 2, "the creator's certificate and the root: " + chain);
        assertTrue(api.get("/v1/trust/anchors?set=cawg").text().replaceAll("\\s", "")
                .contains(chain.get(chain.size() - 1).asText()), "the chain ends at the served identity root");
        // POST /v1/verify checks the bundle against the file: the identity is trusted by the installation's
        // creator-identity root (its cawg set), the signer by its C2PA root
        Answer checked = api.postMultipart("/v1/verify", List.of(Part.file("image", "i.png", "image/png",
                Base64.getDecoder().decode(stamped.get("image").asText())), Part.json("evidence", bundle.toString())));
        assertEquals(200, checked.status(), checked.toString());
        JsonNode evidence = checked.json().get("evidence");
        assertEquals("valid", evidence.get("status").asText(), evidence.toString());
        assertEquals("trusted", evidence.at("/identities/0/status").asText(), evidence.toString());
        assertEquals("trusted", evidence.at("/signer/status").asText(), evidence.toString());

        // revoked: the very next stamp is only named, and the earlier credential stays confirmed
        Answer revoked = grants("mirelle.ink", "[]", token);
        assertEquals(200, revoked.status());
        assertEquals(0, revoked.json().get("grants").size());
        JsonNode after = stamp(grantedKey, "mirelle.ink");
        assertFalse(after.at("/creatorIdentity/confirmed").asBoolean(), after.toString());
        assertFalse(verify(after).at("/summary/assertions").toString().contains("cawg.identity"));
        assertTrue(api.get("/v1/credentials/" + id).json().at("/creatorIdentity/confirmed").asBoolean());
    }

    @Test
    void grantsAreTheCreatorsAloneAndNameActiveApiKeysOnly() {
        String token = register("tomas.reed");
        String stranger = register("not.tomas");
        assertEquals(401, api.get("/v1/creators/tomas.reed/grants").status());
        assertEquals(403, grants("tomas.reed", "[\"studio-other\"]", stranger).status());
        assertEquals(403, api.send("PUT", "/v1/creators/tomas.reed/grants", utf8("{\"apiKeys\":[\"studio-other\"]}"),
                "Authorization", "Bearer " + otherKey, "Content-Type", "application/json").status(),
                "a front end cannot grant itself");
        Answer unknown = grants("tomas.reed", "[\"no-such-key\"]", token);
        assertProblem(unknown, 422, "invalid-document");
        assertTrue(unknown.json().get("detail").asText().contains("no-such-key"), unknown.toString());
        assertProblem(grants("tomas.reed", "\"studio-other\"", token), 422, "invalid-document");
        assertEquals(0, api.get("/v1/creators/tomas.reed/grants", "Authorization", "Bearer " + token).json()
                .get("grants").size(), "a refused request changes nothing");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static java.nio.file.Path write(java.nio.file.Path file, String text) {
        return write(file, text.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private static java.nio.file.Path write(java.nio.file.Path file, byte[] bytes) {
        try {
            return java.nio.file.Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String createKey(String name) {
        Answer created = api.postRaw("/v1/api-keys", "application/json",
                utf8("{\"name\":\"" + name + "\",\"role\":\"stamp\"}"), "Authorization", "Bearer " + adminKey);
        assertEquals(201, created.status(), created.toString());
        return created.json().get("key").asText();
    }

    private String register(String handle) {
        Answer a = api.postRaw("/v1/creators", "application/json", utf8("{\"handle\":\"" + handle + "\"}"),
                "Authorization", "Bearer " + adminKey);
        assertEquals(201, a.status(), a.toString());
        return a.json().get("token").asText();
    }

    private void profile(String handle, String displayName, String token) {
        Answer a = api.send("PUT", "/v1/creators/" + handle, utf8("{\"displayName\":\"" + displayName + "\"}"),
                "Authorization", "Bearer " + token, "Content-Type", "application/json");
        assertEquals(200, a.status(), a.toString());
    }

    private Answer grants(String handle, String apiKeys, String token) {
        return api.send("PUT", "/v1/creators/" + handle + "/grants", utf8("{\"apiKeys\":" + apiKeys + "}"),
                "Authorization", "Bearer " + token, "Content-Type", "application/json");
    }

    private JsonNode stamp(String key, String handle) {
        Answer a = api.stamp(key, image("rgb8.png"), "image/png", provenance(handle), "Accept", "application/json");
        assertEquals(200, a.status(), a.toString());
        return a.json();
    }

    private JsonNode verify(JsonNode stamped) {
        byte[] png = Base64.getDecoder().decode(stamped.get("image").asText());
        Answer a = api.postMultipart("/v1/verify", List.of(Part.file("image", "i.png", "image/png", png)));
        assertEquals(200, a.status(), a.toString());
        return a.json();
    }

    private static String provenance(String handle) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(example());
            ((ObjectNode) doc.get("creator")).put("handle", handle);
            return doc.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
