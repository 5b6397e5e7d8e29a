package io.credmark.http;

import static io.credmark.http.ApiContract.example;
import static io.credmark.http.ApiContract.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.cli.CliRunner;
import io.credmark.cli.CliRunner.Run;
import io.credmark.http.ApiClient.Answer;
import io.credmark.pki.Pkcs11Credentials;
import io.credmark.testing.ReferenceVerdict;
import io.credmark.testing.ReferenceVerifier;
import io.credmark.testing.SoftHsm;
import io.credmark.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creators' identity keys in the PKCS#11 token the claim signer is in: a real SoftHSM2 token (see {@link SoftHsm}),
 * two service nodes sharing it and one PostgreSQL database, over real HTTP. The key is made in the token, never
 * leaves it, and signs the {@code cawg.identity} assertion that c2pa-rs validates and trusts; the database keeps
 * the certificate and the key's label only. Each test has a creator of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HsmIdentityIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path directory;
    private SoftHsm token;
    private TestDatabase.Provisioned database;
    private TestService first;
    private TestService second;
    private String stampKey;

    @BeforeAll
    void start(@TempDir Path directory) {
        this.directory = directory;
        token = SoftHsm.shared();
        database = TestDatabase.POSTGRES.provision(directory);
        // two nodes of one deployment: one data directory (the identity CA), one database, one token
        first = TestService.start(directory.resolve("data"), database.url(), token.signerSettings());
        second = TestService.start(directory.resolve("data"), database.url(), token.signerSettings());
        Answer created = first.client().postRaw("/v1/api-keys", "application/json",
                utf8("{\"name\":\"studio\",\"role\":\"stamp\"}"), "Authorization", "Bearer " + first.adminKey);
        assertEquals(201, created.status(), created.toString());
        stampKey = created.json().get("key").asText();
    }

    @AfterAll
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {first, second, database}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void theCreatorsIdentityIsSignedByAKeyInTheTokenThatC2paRsTrusts() throws Exception {
        String creatorToken = register("mirelle.ink", "Mirelle Ink");

        JsonNode stamped = stamp(first, "mirelle.ink");
        assertTrue(stamped.at("/creatorIdentity/confirmed").asBoolean(), stamped.toString());
        assertEquals("Mirelle Ink", stamped.at("/creatorIdentity/displayName").asText());

        // the database: the certificate and the key's label, no private key
        String label = "credmark-identity-mirelle.ink-1";
        X509Certificate kept = keptCertificate("mirelle.ink", label);
        // the certificate that signed the file's identity assertion is the kept one
        JsonNode bundle = first.client().get("/v1/credentials/" + stamped.get("id").asText() + "/evidence",
                "Authorization", "Bearer " + creatorToken).json();
        assertEquals(Base64.getEncoder().encodeToString(kept.getEncoded()),
                bundle.at("/signature/identities/0/chain/0").asText(), bundle.toString());
        // the token: its public key object under that label is the certificate's key, and the private key beside it
        // is sensitive and was never extractable
        assertEquals(kept.getPublicKey(), token.publicKey("--label", label));
        String privateKey = objectLabelled(token.list("privkey"), label);
        assertTrue(privateKey.contains("never extractable") && privateKey.contains("always sensitive"), privateKey);
        // the claim signer is still the token's only key that is not a creator's
        assertEquals(token.signerCertificate(), Pkcs11Credentials.open(token.config(), SoftHsm.PIN.toCharArray(),
                null).chain().get(0));

        Path file = Files.write(directory.resolve("mirelle.png"), image(stamped));
        Path c2pa = Files.writeString(directory.resolve("c2pa.pem"),
                first.client().get("/v1/trust/anchors?set=c2pa").text());
        Path cawg = Files.writeString(directory.resolve("cawg.pem"),
                first.client().get("/v1/trust/anchors?set=cawg").text());
        ReferenceVerdict anchored = ReferenceVerifier.create().withTrustAnchors(c2pa).withCawgTrustAnchors(cawg)
                .verify(file);
        assertTrue(anchored.isTrusted(), anchored.summary());
        assertTrue(anchored.successCodes().containsAll(List.of("cawg.identity.well-formed",
                "cawg.x509.signature.validated", "cawg.x509.credential.trusted")), anchored.successCodes().toString());
        assertTrue(anchored.failureCodes().stream().noneMatch(c -> c.startsWith("cawg.")), anchored.summary());
    }

    @Test
    void everyNodeOnTheTokenSignsWithTheSameKeyAndARenewalIsMadeInTheToken() throws Exception {
        String creatorToken = register("alder.lab", "Alder Lab");
        String label = "credmark-identity-alder.lab-1";
        assertTrue(stamp(first, "alder.lab").at("/creatorIdentity/confirmed").asBoolean());
        X509Certificate issued = keptCertificate("alder.lab", label);

        // the other node finds the key the first one made, by its label
        JsonNode onSecond = stamp(second, "alder.lab");
        assertTrue(onSecond.at("/creatorIdentity/confirmed").asBoolean(), onSecond.toString());
        assertEquals(issued, keptCertificate("alder.lab", label), "no second key for the same creator");

        // a new display name: a new key in the token under the next label, certified for the new name
        Answer renamed = second.client().send("PUT", "/v1/creators/alder.lab",
                utf8("{\"displayName\":\"Alder Lab Studio\"}"), "Authorization", "Bearer " + creatorToken,
                "Content-Type", "application/json");
        assertEquals(200, renamed.status(), renamed.toString());
        JsonNode afterRename = stamp(second, "alder.lab");
        assertEquals("Alder Lab Studio", afterRename.at("/creatorIdentity/displayName").asText(),
                afterRename.toString());
        String renewedLabel = "credmark-identity-alder.lab-2";
        X509Certificate renewed = keptCertificate("alder.lab", renewedLabel);
        assertTrue(renewed.getSubjectX500Principal().getName().contains("Alder Lab Studio"));
        assertEquals(renewed.getPublicKey(), token.publicKey("--label", renewedLabel));
        assertFalse(renewed.getPublicKey().equals(issued.getPublicKey()));
        // and the first node, which had not seen that key yet, signs with it
        JsonNode onFirst = stamp(first, "alder.lab");
        assertEquals("Alder Lab Studio", onFirst.at("/creatorIdentity/displayName").asText(), onFirst.toString());
        JsonNode report = verify(onFirst);
        assertTrue(report.at("/summary/creatorIdentity/confirmed").asBoolean(), report.toString());
        assertEquals("trusted", report.get("status").asText(), report.toString());
    }

    @Test
    void aKeyMissingFromTheTokenStampsWithoutTheIdentityAndSaysWhy() throws Exception {
        register("ansel.grey", "Ansel Grey");
        String label = "credmark-identity-ansel.grey-1";
        assertTrue(stamp(first, "ansel.grey").at("/creatorIdentity/confirmed").asBoolean());
        keptCertificate("ansel.grey", label);
        SoftHsm.tool("--login", "--pin", SoftHsm.PIN, "--delete-object", "--type", "privkey", "--label", label);

        for (TestService node : List.of(first, second)) {
            JsonNode stamped = stamp(node, "ansel.grey");
            JsonNode identity = stamped.get("creatorIdentity");
            assertFalse(identity.get("confirmed").asBoolean(), stamped.toString());
            assertEquals("Creator named by studio, not confirmed", identity.get("text").asText());
            String why = identity.get("unavailable").asText();
            assertTrue(why.contains("ansel.grey") && why.contains(label), why);
            assertFalse(verify(stamped).at("/summary/assertions").toString().contains("cawg.identity"));
        }
        // the image answer says the same in a header
        Answer image = first.client().stamp(stampKey, ApiContract.image("rgb8.png"), "image/png",
                provenance("ansel.grey"));
        assertEquals(200, image.status(), image.toString());
        assertTrue(image.header("Creator-Identity").startsWith("unavailable; the identity key of ansel.grey"),
                image.header("Creator-Identity"));
        // nothing was put in the key's place: the operator decides (see docs/ownership.md)
        keptCertificate("ansel.grey", label);
    }

    @Test
    void keysReissueIdentityGivesACreatorWhoseKeyWasLostANewKeyInTheTokenUnderTheNextLabel() throws Exception {
        register("rhea.vos", "Rhea Vos");
        String lost = "credmark-identity-rhea.vos-1";
        JsonNode before = stamp(first, "rhea.vos");
        assertTrue(before.at("/creatorIdentity/confirmed").asBoolean(), before.toString());
        X509Certificate issued = keptCertificate("rhea.vos", lost);
        SoftHsm.tool("--login", "--pin", SoftHsm.PIN, "--delete-object", "--type", "privkey", "--label", lost);
        assertFalse(stamp(first, "rhea.vos").at("/creatorIdentity/confirmed").asBoolean());

        // the operator, on the command line of a node with the token's settings, over the deployment's database
        Map<String, String> env = new java.util.HashMap<>();
        token.signerSettings().forEach((k, v) -> env.put("CREDMARK_" + k.toUpperCase(java.util.Locale.ROOT)
                .replace('.', '_'), v));
        String data = directory.resolve("data").toString();
        Run unknown = CliRunner.run(env, "keys", "reissue-identity", "--creator", "nobody.here", "--data", data,
                "--db", database.url());
        assertEquals(2, unknown.exit(), unknown.out());
        assertTrue(unknown.err().contains("no creator registered as 'nobody.here'"), unknown.err());
        Run reissued = CliRunner.run(env, "keys", "reissue-identity", "--creator", "rhea.vos", "--data", data,
                "--db", database.url());
        assertEquals(0, reissued.exit(), reissued.err());
        String label = "credmark-identity-rhea.vos-2";
        assertTrue(reissued.out().startsWith("new identity key of rhea.vos, PKCS#11 label " + label
                + "; certificate for Rhea Vos, serial "), reissued.out());
        X509Certificate renewed = keptCertificate("rhea.vos", label);
        assertEquals(renewed.getPublicKey(), token.publicKey("--label", label));
        assertFalse(renewed.getPublicKey().equals(issued.getPublicKey()));
        String privateKey = objectLabelled(token.list("privkey"), label);
        assertTrue(privateKey.contains("never extractable") && privateKey.contains("always sensitive"), privateKey);

        // both running nodes sign the creator's identity with the new key from their next stamp
        for (TestService node : List.of(first, second)) {
            JsonNode stamped = stamp(node, "rhea.vos");
            assertTrue(stamped.at("/creatorIdentity/confirmed").asBoolean(), stamped.toString());
            JsonNode report = verify(stamped);
            assertEquals("trusted", report.get("status").asText(), report.toString());
            assertTrue(report.at("/summary/creatorIdentity/confirmed").asBoolean(), report.toString());
        }
    }

    @Test
    void aServiceHeldKeyMovesIntoTheTokenAndANodeWithoutTheTokenNeverUsesATokenKey() throws Exception {
        register("sana.oku", "Sana Oku");
        try (TestService plain = TestService.start(directory.resolve("data"), database.url(), Map.of())) {
            // a node whose signer is not in a token: the key is the service's, sealed in the database
            assertTrue(stamp(plain, "sana.oku").at("/creatorIdentity/confirmed").asBoolean());
            Kept held = kept("sana.oku");
            assertTrue(held.sealedKey() != null && held.tokenKey() == null, held.toString());

            // the next stamp on a node with the token replaces it by a key made in the token
            JsonNode moved = stamp(first, "sana.oku");
            assertTrue(moved.at("/creatorIdentity/confirmed").asBoolean(), moved.toString());
            String label = "credmark-identity-sana.oku-1";
            X509Certificate inToken = keptCertificate("sana.oku", label);
            assertEquals(inToken.getPublicKey(), token.publicKey("--label", label));

            // a node without the token neither signs with that key nor puts a key of its own in its place
            JsonNode refused = stamp(plain, "sana.oku");
            assertFalse(refused.at("/creatorIdentity/confirmed").asBoolean(), refused.toString());
            String why = refused.at("/creatorIdentity/unavailable").asText();
            assertTrue(why.contains("sana.oku") && why.contains(label) && why.contains("signer.pkcs11.config"), why);
            assertEquals(inToken, keptCertificate("sana.oku", label));
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /** Registers the creator with a display name and grants the stamp key; the creator's token. */
    private String register(String handle, String displayName) {
        Answer a = first.client().postRaw("/v1/creators", "application/json",
                utf8("{\"handle\":\"" + handle + "\"}"), "Authorization", "Bearer " + first.adminKey);
        assertEquals(201, a.status(), a.toString());
        String creatorToken = a.json().get("token").asText();
        Answer p = first.client().send("PUT", "/v1/creators/" + handle, utf8("{\"displayName\":\"" + displayName
                + "\"}"), "Authorization", "Bearer " + creatorToken, "Content-Type", "application/json");
        assertEquals(200, p.status(), p.toString());
        Answer g = first.client().send("PUT", "/v1/creators/" + handle + "/grants", utf8("{\"apiKeys\":[\"studio\"]}"),
                "Authorization", "Bearer " + creatorToken, "Content-Type", "application/json");
        assertEquals(200, g.status(), g.toString());
        return creatorToken;
    }

    /** The creator's kept identity certificate, asserting that the database holds its key's label and no key. */
    private X509Certificate keptCertificate(String handle, String label) throws Exception {
        Kept kept = kept(handle);
        assertNull(kept.sealedKey(), "the database holds no private key of a creator whose key is in the token");
        assertEquals(label, kept.tokenKey());
        return kept.certificate();
    }

    /** A row of {@code creator_identities}. */
    private record Kept(X509Certificate certificate, String sealedKey, String tokenKey) {
    }

    private Kept kept(String handle) throws Exception {
        try (Connection c = DriverManager.getConnection(database.url());
                PreparedStatement s = c.prepareStatement("SELECT certificate, private_key, token_key FROM"
                        + " creator_identities WHERE handle = ?")) {
            s.setString(1, handle);
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "no identity credential for " + handle);
                X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(rs.getString(1)
                                .getBytes(StandardCharsets.US_ASCII)));
                return new Kept(certificate, rs.getString(2), rs.getString(3));
            }
        }
    }

    /** pkcs11-tool's paragraph about the object with that label. */
    private static String objectLabelled(String listing, String label) {
        return Arrays.stream(listing.split("\\n(?=\\S)")).filter(o -> o.contains("label:      " + label + "\n")
                || o.endsWith("label:      " + label)).findFirst().orElseThrow(() -> new AssertionError(
                        "no object labelled " + label + " in\n" + listing));
    }

    private JsonNode stamp(TestService node, String handle) {
        Answer a = node.client().stamp(stampKey, ApiContract.image("rgb8.png"), "image/png", provenance(handle),
                "Accept", "application/json");
        assertEquals(200, a.status(), a.toString());
        return a.json();
    }

    private JsonNode verify(JsonNode stamped) {
        Answer a = first.client().postMultipart("/v1/verify", List.of(ApiClient.Part.file("image", "i.png",
                "image/png", image(stamped))));
        assertEquals(200, a.status(), a.toString());
        return a.json();
    }

    private static byte[] image(JsonNode stamped) {
        return Base64.getDecoder().decode(stamped.get("image").asText());
    }

    private static String provenance(String handle) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(example());
            ((ObjectNode) doc.get("creator")).put("handle", handle);
            return doc.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
