package io.credmark.http;

import static io.credmark.http.ApiContract.assertProblem;
import static io.credmark.http.ApiContract.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.cli.CliRunner;
import io.credmark.cli.CliRunner.Run;
import io.credmark.http.ApiClient.Answer;
import io.credmark.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evidence a creator can take elsewhere, over real HTTP from a started service on a real database, checked offline
 * by the command line with the real built-in TSA: model registrations are time-stamped when written and their
 * bundle is accepted by {@code verify-evidence}, who may fetch it following the creator's disclosure policy; a
 * credential's bundle carries its signature's time-stamp and chains, which {@code verify FILE --evidence} checks
 * against the file. The subclasses run it on H2 and on PostgreSQL.
 */
abstract class EvidenceContract extends ServiceContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RECORD = "{\"slug\":\"fen-lora\",\"creator\":{\"displayName\":\"Fen Studio\"},"
            + "\"model\":{\"name\":\"Fen LoRA\",\"version\":\"1.0\",\"hash\":{\"alg\":\"sha256\",\"value\":"
            + "\"9f2c1a7e5b3d4c6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f\"}},"
            + "\"lineage\":{\"baseModels\":[{\"name\":\"SDXL 1.0\"}]}}";

    @Test
    void aRegistrationIsTimeStampedAndItsEvidenceVerifiesOfflineRevisionByRevision() throws Exception {
        String token = register(api, "fen.studio");
        Instant before = Instant.now().minusSeconds(1);
        Answer created = post(api, "/v1/creators/fen.studio/models", RECORD, token);
        assertEquals(201, created.status(), created.toString());
        assertTrue(created.json().get("timeStamp").get("stamped").asBoolean(), created.toString());
        assertEquals("the built-in TSA", created.json().get("timeStamp").get("authority").asText());
        String evidencePath = "/v1/creators/fen.studio/models/fen.studio:fen-lora/evidence";
        assertEquals(evidencePath, created.json().get("evidence").asText());

        // every field is public under the default policy: anyone may have the evidence
        Answer evidence = api.get(evidencePath);
        assertEquals(200, evidence.status(), evidence.toString());
        assertEquals("no-cache", evidence.header("Cache-Control"));
        JsonNode bundle = evidence.json();
        assertEquals("credmark-model-evidence/1", bundle.get("format").asText());
        JsonNode first = bundle.get("registrations").get(0);
        assertEquals("Fen LoRA", first.get("statement").get("record").get("model").get("name").asText());
        assertEquals("SDXL 1.0", first.get("statement").get("record").get("lineage").get("baseModels").get(0)
                .get("name").asText());
        assertEquals("fen.studio", first.get("statement").get("creator").asText());
        Instant stampedAt = Instant.parse(first.get("timeStamp").get("time").asText());
        assertTrue(!stampedAt.isBefore(before) && !stampedAt.isAfter(Instant.now()), stampedAt.toString());
        // the chain reaches the root the service publishes
        assertTrue(first.get("timeStamp").get("chain").size() >= 2, first.toString());

        Path file = directory.resolve("fen-evidence.json");
        Files.write(file, evidence.body());
        Run untrusted = CliRunner.run("verify-evidence", file.toString());
        assertEquals(0, untrusted.exit(), untrusted.err());
        assertEquals("valid", untrusted.json().get("status").asText(), untrusted.out());
        String proves = untrusted.json().get("registrations").get(0).get("proves").asText();
        assertTrue(proves.contains("existed, registered by this creator (fen.studio), no later than " + stampedAt),
                proves);
        assertTrue(untrusted.json().get("doesNotProve").asText().contains("does not prove authorship"));

        Path anchors = directory.resolve("anchors.pem");
        Files.write(anchors, api.get("/v1/trust/anchors").body());
        Run trusted = CliRunner.run("verify-evidence", file.toString(), "--trust-anchors", anchors.toString());
        assertEquals(0, trusted.exit(), trusted.err());
        assertEquals("trusted", trusted.json().get("status").asText(), trusted.out());

        // a new revision is time-stamped too; the first registration's evidence stays in the bundle
        Answer revised = api.send("PUT", "/v1/creators/fen.studio/models/fen.studio:fen-lora", utf8(RECORD
                .replace("\"1.0\"", "\"1.1\"")), "Authorization", "Bearer " + token, "Content-Type",
                "application/json");
        assertEquals(200, revised.status(), revised.toString());
        assertTrue(revised.json().get("timeStamp").get("stamped").asBoolean());
        JsonNode both = api.get(evidencePath).json();
        assertEquals(2, both.get("registrations").size());
        assertEquals(JSON.writeValueAsString(first), JSON.writeValueAsString(both.get("registrations").get(0)));
        assertEquals("1.1", both.get("registrations").get(1).get("statement").get("record").get("model")
                .get("version").asText());
        Files.write(file, JSON.writeValueAsBytes(both));
        Run two = CliRunner.run("verify-evidence", file.toString(), "--trust-anchors", anchors.toString());
        assertEquals(0, two.exit(), two.err());
        assertEquals(2, two.json().get("registrations").size());
        assertEquals("trusted", two.json().get("registrations").get(1).get("status").asText());

        // a record changed after registration no longer matches its token
        Files.writeString(file, JSON.writeValueAsString(both).replace("\"1.1\"", "\"0.9\""));
        Run changed = CliRunner.run("verify-evidence", file.toString());
        assertEquals(1, changed.exit(), changed.out());
        assertTrue(changed.err().contains("over other data"), changed.err());
    }

    @Test
    void whoMayHaveTheEvidenceFollowsTheCreatorsPolicy() {
        String token = register(api, "moss.works");
        String rival = register(api, "moss.rival");
        assertEquals(201, post(api, "/v1/creators/moss.works/models", RECORD.replace("fen-lora", "moss-lora"), token)
                .status());
        String path = "/v1/creators/moss.works/models/moss.works:moss-lora/evidence";
        assertEquals(200, api.get(path).status());

        Answer policy = api.send("PUT", "/v1/creators/moss.works/disclosure", utf8("{\"lineage\":\"private\"}"),
                "Authorization", "Bearer " + token, "Content-Type", "application/json");
        assertEquals(200, policy.status(), policy.toString());
        // the record holds a private field now: only its creator, with their token
        List<Answer> refused = new ArrayList<>();
        refused.add(api.get(path));
        refused.add(api.get(path, "Authorization", "Bearer " + stampKey));
        refused.add(api.get(path, "Authorization", "Bearer " + rival));
        for (Answer a : refused) {
            assertProblem(a, 403, "forbidden");
            assertFalse(a.text().contains("SDXL"), a.toString());
        }
        Answer own = api.get(path, "Authorization", "Bearer " + token);
        assertEquals(200, own.status(), own.toString());
        assertEquals("private, no-store", own.header("Cache-Control"));
        assertTrue(own.text().contains("SDXL 1.0"));

        assertProblem(api.get("/v1/creators/moss.works/models/moss.works:nothing/evidence"), 404, "not-found");
        assertProblem(api.get("/v1/creators/moss.rival/models/moss.works:moss-lora/evidence"), 404, "not-found");
    }

    /**
     * An unreachable TSA: with tsa.required (the default for tsa.url) the registration fails with 503 and nothing is
     * registered; with tsa.required=false it is registered without a token and says so, its evidence says it proves
     * nothing, and the token is taken when the evidence is asked for from a service that reaches its TSA.
     */
    @Test
    void anUnreachableAuthorityFailsTheRegistrationOrIsMadeUpForLater() throws Exception {
        String unreachable = "http://127.0.0.1:9/tsa";
        Path data = directory.resolve("data-offline");
        try (TestDatabase.Provisioned db = database().provision(directory.resolve("offline"))) {
            String token;
            try (TestService required = TestService.start(data, db.url(), Map.of("tsa.url", unreachable))) {
                ApiClient client = required.client();
                token = register(client, "reed.lab", required.adminKey);
                Answer refused = post(client, "/v1/creators/reed.lab/models", RECORD, token);
                assertProblem(refused, 503, "service-unavailable");
                assertTrue(refused.json().get("detail").asText().contains("cannot be reached"), refused.toString());
                assertProblem(client.get("/v1/creators/reed.lab/models/reed.lab:fen-lora"), 404, "not-found");
            }
            String evidencePath = "/v1/creators/reed.lab/models/reed.lab:fen-lora/evidence";
            try (TestService optional = TestService.start(data, db.url(), Map.of("tsa.url", unreachable,
                    "tsa.required", "false"))) {
                ApiClient client = optional.client();
                Answer created = post(client, "/v1/creators/reed.lab/models", RECORD, token);
                assertEquals(201, created.status(), created.toString());
                assertFalse(created.json().get("timeStamp").get("stamped").asBoolean());
                assertTrue(created.json().get("timeStamp").get("reason").asText().contains("cannot be reached"));
                Answer without = client.get(evidencePath);
                assertEquals(200, without.status(), without.toString());
                assertFalse(without.json().get("registrations").get(0).has("timeStamp"), without.toString());
                Path file = directory.resolve("reed-without.json");
                Files.write(file, without.body());
                Run nothing = CliRunner.run("verify-evidence", file.toString());
                assertEquals(1, nothing.exit(), nothing.out());
                assertTrue(nothing.err().contains("has no time-stamp, so it proves nothing"), nothing.err());
            }
            try (TestService required = TestService.start(data, db.url(), Map.of("tsa.url", unreachable))) {
                assertProblem(required.client().get(evidencePath), 503, "service-unavailable");
            }
            try (TestService builtIn = TestService.start(data, db.url(), Map.of())) {
                Answer evidence = builtIn.client().get(evidencePath);
                assertEquals(200, evidence.status(), evidence.toString());
                JsonNode registration = evidence.json().get("registrations").get(0);
                assertTrue(registration.has("timeStamp"), registration.toString());
                Path file = directory.resolve("reed-evidence.json");
                Files.write(file, evidence.body());
                Run checked = CliRunner.run("verify-evidence", file.toString());
                assertEquals(0, checked.exit(), checked.err());
            }
        }
    }

    @Test
    void aCredentialsEvidenceCarriesItsTimeStampAndChainsAndVerifyChecksThemAgainstTheFile() throws Exception {
        TwoCredentials tern = stampTwo("tern.works", "baseline-420.jpg", "image/jpeg", "a tern over the dunes",
                "another tern");

        Answer evidence = api.get("/v1/credentials/" + tern.id() + "/evidence", "Authorization",
                "Bearer " + tern.token());
        assertEquals(200, evidence.status(), evidence.toString());
        JsonNode bundle = evidence.json();
        assertEquals("credmark-evidence/2", bundle.get("format").asText());
        JsonNode signature = bundle.get("signature");
        assertEquals(bundle.at("/credential/manifest").asText(), signature.get("manifest").asText());
        assertTrue(signature.at("/timeStamp/token").isTextual(), signature.toString());
        // the TSA's certificate, the intermediate and the root; the signer's likewise
        assertEquals(3, signature.at("/timeStamp/chain").size(), signature.toString());
        assertEquals(3, signature.at("/signer/chain").size(), signature.toString());
        assertTrue(signature.get("identities").isArray());
        // a fresh time-stamp over the same signature, taken now, not the signature's own
        assertTrue(signature.at("/freshTimeStamp/token").isTextual(), signature.toString());
        assertFalse(Instant.parse(signature.at("/freshTimeStamp/time").asText())
                .isBefore(Instant.parse(signature.at("/timeStamp/time").asText())), signature.toString());
        assertFalse(signature.at("/freshTimeStamp/token").equals(signature.at("/timeStamp/token")));

        Path dir = Files.createDirectories(directory.resolve("tern"));
        Path image = dir.resolve("tern.jpg");
        Files.write(image, tern.file());
        Path anchors = dir.resolve("anchors.pem");
        Files.write(anchors, api.get("/v1/trust/anchors").body());
        // offline: a data directory of its own, which knows nothing of the service
        String offline = dir.resolve("offline-data").toString();
        Path bundleFile = dir.resolve("bundle.json");
        Files.write(bundleFile, evidence.body());
        Run checked = CliRunner.run("verify", image.toString(), "--evidence", bundleFile.toString(), "--trust-anchors",
                anchors.toString(), "--data", offline);
        assertEquals(0, checked.exit(), checked.err());
        JsonNode report = checked.json().get("evidence");
        assertEquals("valid", report.get("status").asText(), report.toString());
        assertEquals("trusted", report.at("/timeStamp/status").asText(), report.toString());
        assertTrue(report.at("/timeStamp/proves").asText().contains("existed no later than "
                + signature.at("/timeStamp/time").asText()), report.toString());
        assertEquals("trusted", report.at("/signer/status").asText(), report.toString());
        assertEquals("trusted", report.at("/freshTimeStamp/status").asText(), report.toString());
        assertTrue(report.at("/freshTimeStamp/proves").asText().contains("existed no later than "
                + signature.at("/freshTimeStamp/time").asText()), report.toString());
        assertTrue(report.get("doesNotProve").asText().contains("not who made the image"));

        // the command line's bundle (stamp --evidence-out) has the same shape
        Path cliEvidence = dir.resolve("cli-bundle.json");
        Run cliStamp = CliRunner.run("stamp", "--in", "testdata/images/baseline-420.jpg", "--out", dir.resolve("cli.jpg")
                .toString(), "--provenance", "testdata/provenance/example.json", "--evidence-out",
                cliEvidence.toString(), "--data", offline);
        assertEquals(0, cliStamp.exit(), cliStamp.err());
        JsonNode cliBundle = JSON.readTree(Files.readAllBytes(cliEvidence));
        assertEquals(shape(bundle.get("signature")), shape(cliBundle.get("signature")));
        assertEquals(shape(bundle).replace("credential{id,manifest,url}", "credential{manifest}"), shape(cliBundle),
                "the same bundle, less the id and page of a credential the service recorded");

        // another credential's time-stamp does not cover this file's signature
        JsonNode other = api.get("/v1/credentials/" + tern.otherId() + "/evidence", "Authorization",
                "Bearer " + tern.token()).json();
        ObjectNode swapped = bundle.deepCopy();
        ((ObjectNode) swapped.get("signature")).set("timeStamp",
                other.at("/signature/timeStamp"));
        Files.write(bundleFile, JSON.writeValueAsBytes(swapped));
        Run wrongToken = CliRunner.run("verify", image.toString(), "--evidence", bundleFile.toString(), "--data",
                offline);
        assertEquals(1, wrongToken.exit(), wrongToken.out());
        assertTrue(wrongToken.err().contains("time-stamp: the time-stamp token is over other data"), wrongToken.err());

        // nor does its fresh time-stamp
        ObjectNode freshSwapped = bundle.deepCopy();
        ((ObjectNode) freshSwapped.get("signature")).set("freshTimeStamp", other.at("/signature/freshTimeStamp"));
        Files.write(bundleFile, JSON.writeValueAsBytes(freshSwapped));
        Run wrongFresh = CliRunner.run("verify", image.toString(), "--evidence", bundleFile.toString(), "--data", offline);
        assertEquals(1, wrongFresh.exit(), wrongFresh.out());
        assertTrue(wrongFresh.err().contains("fresh time-stamp: the time-stamp token is over other data"),
                wrongFresh.err());

        // a chain that is not the file's signer's
        ObjectNode wrongChain = bundle.deepCopy();
        ((ObjectNode) wrongChain.get("signature").get("signer")).set("chain",
                signature.at("/timeStamp/chain"));
        Files.write(bundleFile, JSON.writeValueAsBytes(wrongChain));
        Run wrongSigner = CliRunner.run("verify", image.toString(), "--evidence", bundleFile.toString(), "--data",
                offline);
        assertEquals(1, wrongSigner.exit(), wrongSigner.out());
        assertTrue(wrongSigner.err().contains("signer: the file's certificate is not the one in the evidence"),
                wrongSigner.err());

        // a bundle of the first version (disclosures only) is still read, and checks only its disclosures
        ObjectNode first = bundle.deepCopy();
        first.put("format", "credmark-evidence/1").remove("signature");
        Files.write(bundleFile, JSON.writeValueAsBytes(first));
        Run old = CliRunner.run("verify", image.toString(), "--evidence", bundleFile.toString(), "--data", offline);
        assertEquals(0, old.exit(), old.err());
        assertFalse(old.json().has("evidence"));
    }

    /**
     * {@code POST /v1/verify} with a bundle checks its {@code signature} as {@code verify FILE --evidence} does, and
     * says so in the answer's {@code evidence} member: a bundle tampered with is reported as failing, one whose
     * signature cannot be read is refused.
     */
    @Test
    void verifyOverHttpChecksTheBundlesSignatureAgainstTheImage() throws Exception {
        TwoCredentials plover = stampTwo("plover.works", "rgb8.png", "image/png", "a plover on the shingle",
                "another plover");
        JsonNode bundle = api.get("/v1/credentials/" + plover.id() + "/evidence", "Authorization",
                "Bearer " + plover.token()).json();
        JsonNode other = api.get("/v1/credentials/" + plover.otherId() + "/evidence", "Authorization",
                "Bearer " + plover.token()).json();

        JsonNode held = verifyWith(plover.file(), bundle).get("evidence");
        assertEquals("valid", held.get("status").asText(), held.toString());
        // the service's own anchors, each set for its kind
        assertEquals("trusted", held.at("/signer/status").asText(), held.toString());
        assertEquals("trusted", held.at("/timeStamp/status").asText(), held.toString());
        assertEquals("trusted", held.at("/freshTimeStamp/status").asText(), held.toString());

        ObjectNode freshSwapped = bundle.deepCopy();
        ((ObjectNode) freshSwapped.get("signature")).set("freshTimeStamp", other.at("/signature/freshTimeStamp"));
        JsonNode wrongFresh = verifyWith(plover.file(), freshSwapped).get("evidence");
        assertEquals("invalid", wrongFresh.get("status").asText(), wrongFresh.toString());
        assertTrue(wrongFresh.get("message").asText().contains(
                "fresh time-stamp: the time-stamp token is over other data"), wrongFresh.toString());

        ObjectNode wrongChain = bundle.deepCopy();
        ((ObjectNode) wrongChain.get("signature").get("signer")).set("chain", bundle.at("/signature/timeStamp/chain"));
        JsonNode wrongSigner = verifyWith(plover.file(), wrongChain).get("evidence");
        assertEquals("invalid", wrongSigner.get("status").asText(), wrongSigner.toString());
        assertTrue(wrongSigner.get("message").asText().contains(
                "signer: the file's certificate is not the one in the evidence"), wrongSigner.toString());

        // the whole bundle of another file
        JsonNode otherFile = verifyWith(plover.file(), other).get("evidence");
        assertEquals("invalid", otherFile.get("status").asText(), otherFile.toString());

        ObjectNode unreadable = bundle.deepCopy();
        ((ObjectNode) unreadable.get("signature")).put("manifest", 5);
        Answer refused = api.postMultipart("/v1/verify", List.of(ApiClient.Part.file("image", "i.png", "image/png",
                plover.file()), ApiClient.Part.json("evidence", unreadable.toString())));
        assertProblem(refused, 422, "invalid-document");
        assertTrue(refused.toString().contains("signature.manifest"), refused.toString());

        // a bundle of the first version has nothing of the signature to check
        ObjectNode first = bundle.deepCopy();
        first.put("format", "credmark-evidence/1").remove("signature");
        assertFalse(verifyWith(plover.file(), first).has("evidence"));
    }

    /**
     * The stamp's own answer, for fields the request made private, is the same bundle as the others, its signature
     * evidence included, less the fresh time-stamp: it says why there is none, and it verifies against the image.
     */
    @Test
    void theStampsOwnEvidenceCarriesTheSignatureWithoutAFreshTimeStamp() throws Exception {
        String token = register(api, "heron.works");
        Answer stamped = api.postMultipart("/v1/stamp", List.of(ApiClient.Part.file("image", "a.png", "image/png",
                ApiContract.image("rgb8.png")), ApiClient.Part.json("provenance", provenance("heron.works",
                "a heron in the reeds")), ApiClient.Part.json("options",
                "{\"disclosure\":{\"generation.prompt\":\"private\"}}")),
                "Authorization", "Bearer " + stampKey, "Accept", "application/json");
        assertEquals(200, stamped.status(), stamped.toString());
        JsonNode own = stamped.json().get("evidence");
        assertEquals("credmark-evidence/2", own.get("format").asText(), own.toString());
        JsonNode signature = own.get("signature");
        assertEquals(own.at("/credential/manifest").asText(), signature.get("manifest").asText());
        assertTrue(signature.at("/timeStamp/token").isTextual(), signature.toString());
        assertEquals(3, signature.at("/signer/chain").size(), signature.toString());
        assertFalse(signature.get("freshTimeStamp").has("token"), signature.toString());
        assertTrue(signature.at("/freshTimeStamp/reason").asText().contains("stamp's own answer"),
                signature.toString());

        // the creator's bundle of the same credential: the same shape but for the fresh token
        String id = stamped.json().get("id").asText();
        JsonNode creators = api.get("/v1/credentials/" + id + "/evidence", "Authorization", "Bearer " + token)
                .json();
        ObjectNode withoutFresh = creators.get("signature").deepCopy();
        withoutFresh.putObject("freshTimeStamp").put("reason", "");
        assertEquals(shape(withoutFresh), shape(signature));

        JsonNode checked = verifyWith(java.util.Base64.getDecoder().decode(stamped.json().get("image").asText()),
                own);
        assertEquals("valid", checked.at("/evidence/status").asText(), checked.toString());
        assertEquals("absent", checked.at("/evidence/freshTimeStamp/status").asText(), checked.toString());
        assertEquals("trusted", checked.at("/evidence/timeStamp/status").asText(), checked.toString());
    }

    private JsonNode verifyWith(byte[] image, JsonNode bundle) {
        Answer a = api.postMultipart("/v1/verify", List.of(ApiClient.Part.file("image", "i.png", "image/png", image),
                ApiClient.Part.json("evidence", bundle.toString())));
        assertEquals(200, a.status(), a.toString());
        return a.json();
    }

    /**
     * A credential signed without a time-stamp is re-time-stamped by its evidence: the bundle's fresh time-stamp shows
     * it existed no later than when the bundle was made. Under the stamps' rules: a required authority that cannot
     * be reached answers 503; one not required gives the bundle without, saying why.
     */
    @Test
    void aCredentialsEvidenceReTimeStampsItUnderTheStampsRules() throws Exception {
        Path data = directory.resolve("data-retime");
        Path dir = Files.createDirectories(directory.resolve("retime"));
        String unreachable = "http://127.0.0.1:9/tsa";
        try (TestDatabase.Provisioned db = database().provision(dir)) {
            String token;
            String id;
            Path image = dir.resolve("untimed.png");
            try (TestService untimed = TestService.start(data, db.url(), Map.of("tsa.url", "none"))) {
                token = register(untimed.client(), "kite.works", untimed.adminKey);
                Answer stamped = untimed.client().stamp(untimed.createStampKey(), ApiContract.image("rgb8.png"),
                        "image/png", provenance("kite.works", "a kite over the marsh"));
                assertEquals(200, stamped.status(), stamped.toString());
                assertTrue(stamped.header("Time-Stamp").startsWith("none"), stamped.header("Time-Stamp"));
                id = stamped.header("Credential-Id");
                Files.write(image, stamped.body());
                Answer none = untimed.client().get("/v1/credentials/" + id + "/evidence", "Authorization",
                        "Bearer " + token);
                assertEquals(200, none.status(), none.toString());
                assertTrue(none.json().at("/signature/freshTimeStamp/reason").asText().contains("off"),
                        none.text());
            }
            String path = "/v1/credentials/" + id + "/evidence";
            try (TestService required = TestService.start(data, db.url(), Map.of("tsa.url", unreachable))) {
                Answer refused = required.client().get(path, "Authorization", "Bearer " + token);
                assertProblem(refused, 503, "service-unavailable");
                assertTrue(refused.json().get("detail").asText().contains("cannot be reached"), refused.toString());
            }
            Path bundleFile = dir.resolve("bundle.json");
            String offline = dir.resolve("offline-data").toString();
            try (TestService optional = TestService.start(data, db.url(), Map.of("tsa.url", unreachable,
                    "tsa.required", "false"))) {
                Answer without = optional.client().get(path, "Authorization", "Bearer " + token);
                assertEquals(200, without.status(), without.toString());
                assertTrue(without.json().at("/signature/freshTimeStamp/reason").asText()
                        .contains("cannot be reached"), without.text());
                Files.write(bundleFile, without.body());
                Run checked = CliRunner.run("verify", image.toString(), "--evidence", bundleFile.toString(), "--data",
                        offline);
                assertEquals(0, checked.exit(), checked.err());
                JsonNode report = checked.json().get("evidence");
                assertEquals("absent", report.at("/timeStamp/status").asText(), report.toString());
                assertEquals("absent", report.at("/freshTimeStamp/status").asText(), report.toString());
            }
            try (TestService builtIn = TestService.start(data, db.url(), Map.of())) {
                Instant asked = Instant.now().minusSeconds(1);
                Answer evidence = builtIn.client().get(path, "Authorization", "Bearer " + token);
                assertEquals(200, evidence.status(), evidence.toString());
                JsonNode signature = evidence.json().get("signature");
                assertFalse(signature.has("timeStamp"), "the signature has none of its own: " + signature);
                Instant fresh = Instant.parse(signature.at("/freshTimeStamp/time").asText());
                assertFalse(fresh.isBefore(asked), fresh.toString());
                Files.write(bundleFile, evidence.body());
                Path anchors = dir.resolve("anchors.pem");
                Files.write(anchors, builtIn.client().get("/v1/trust/anchors").body());
                Run checked = CliRunner.run("verify", image.toString(), "--evidence", bundleFile.toString(),
                        "--trust-anchors", anchors.toString(), "--data", offline);
                assertEquals(0, checked.exit(), checked.err());
                JsonNode report = checked.json().get("evidence");
                assertEquals("valid", report.get("status").asText(), report.toString());
                assertEquals("trusted", report.at("/freshTimeStamp/status").asText(), report.toString());
                assertTrue(report.at("/freshTimeStamp/proves").asText().contains("existed no later than " + fresh),
                        report.toString());
            }
        }
    }

    /** The members of a JSON document, recursively, without their values: what two bundles must share. */
    private static String shape(JsonNode n) {
        if (n.isObject()) {
            List<String> names = new ArrayList<>();
            n.fieldNames().forEachRemaining(names::add);
            java.util.Collections.sort(names);
            StringBuilder b = new StringBuilder("{");
            for (String name : names) {
                b.append(b.length() > 1 ? "," : "").append(name).append(shape(n.get(name)));
            }
            return b.append('}').toString();
        }
        if (n.isArray()) {
            return n.isEmpty() ? "[]" : "[" + shape(n.get(0)) + "]";
        }
        return "";
    }

    // --- fixtures and runs -----------------------------------------------------------------------------------------

    /** A credential of a creator, as a file, and another credential of the same creator. */
    private record TwoCredentials(String token, byte[] file, String id, String otherId) {
    }

    /**
     * Registers {@code handle} and stamps two images in its name: {@code image} with {@code prompt}, and rgb8.png with
     * {@code otherPrompt}.
     */
    private TwoCredentials stampTwo(String handle, String image, String mediaType, String prompt, String otherPrompt) {
        String token = register(api, handle);
        Answer stamped = api.stamp(stampKey, ApiContract.image(image), mediaType, provenance(handle, prompt));
        assertEquals(200, stamped.status(), stamped.toString());
        String otherId = api.stamp(stampKey, ApiContract.image("rgb8.png"), "image/png",
                provenance(handle, otherPrompt)).header("Credential-Id");
        return new TwoCredentials(token, stamped.body(), stamped.header("Credential-Id"), otherId);
    }

    private String register(ApiClient client, String handle) {
        return register(client, handle, service.adminKey);
    }

    private static String register(ApiClient client, String handle, String adminKey) {
        Answer a = client.postRaw("/v1/creators", "application/json", utf8("{\"handle\":\"" + handle + "\"}"),
                "Authorization", "Bearer " + adminKey);
        assertEquals(201, a.status(), a.toString());
        return a.json().get("token").asText();
    }

    private static String provenance(String handle, String prompt) {
        try {
            ObjectNode doc =
                    (ObjectNode) JSON.readTree(ApiContract.example());
            ((ObjectNode) doc.get("creator")).put("handle", handle);
            ((ObjectNode) doc.get("generation")).put("prompt", prompt);
            return doc.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Answer post(ApiClient client, String path, String json, String token) {
        return client.send("POST", path, utf8(json), "Authorization", "Bearer " + token, "Content-Type",
                "application/json");
    }
}
