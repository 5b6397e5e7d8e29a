package io.credmark.http;

import static io.credmark.http.ApiContract.assertProblem;
import static io.credmark.http.ApiContract.example;
import static io.credmark.http.ApiContract.image;
import static io.credmark.http.ApiContract.utf8;
import static io.credmark.testing.ByteSearch.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.cli.CliRunner;
import io.credmark.cli.CliRunner.Run;
import io.credmark.disclosure.Disclosure;
import io.credmark.http.ApiClient.Answer;
import io.credmark.http.ApiClient.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Creators, their model registry and creator-controlled disclosure, over real HTTP against a started service node
 * and a real database; the subclasses run it on H2 and on PostgreSQL. Each test works with creators of its own, so
 * that policy changes in one never reach another.
 */
abstract class DisclosureContract extends ServiceContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "zq-heron-7731";

    // --- the secret ----------------------------------------------------------------------------------------------

    /**
     * A prompt stamped private never leaves the service but to its creator: not in the file (UTF-8 and UTF-16), not
     * in any answer to anonymous callers or front ends, not in the logs. Made public, it appears, proven, in the
     * credential and in the verify report of the same file; protected, it is still shown by the service (that is
     * what protected means) but never written into files; private again, it is gone from those views.
     */
    @Test
    void aPrivatePromptReachesOnlyItsCreatorUntilTheyDiscloseIt() throws Exception {
        Captured logs = Captured.start();
        String token;
        String id;
        byte[] png;
        byte[] jpeg;
        List<Answer> seenByOthers = new ArrayList<>();
        try {
            token = register("heron.lab");
            assertEquals(200, put("/v1/creators/heron.lab/disclosure", "{\"generation.prompt\":\"private\"}", token)
                    .status());
            String provenance = provenance("heron.lab", "a grey heron, " + SECRET);

            Answer stampedJson = api.stamp(stampKey, image("rgb8.png"), "image/png", provenance, "Accept",
                    "application/json");
            assertEquals(200, stampedJson.status(), stampedJson.toString());
            seenByOthers.add(stampedJson);
            id = stampedJson.json().get("id").asText();
            png = Base64.getDecoder().decode(stampedJson.json().get("image").asText());
            Answer stampedJpeg = api.stamp(stampKey, image("baseline-420.jpg"), "image/jpeg", provenance);
            assertEquals(200, stampedJpeg.status(), stampedJpeg.toString());
            seenByOthers.add(stampedJpeg);
            jpeg = stampedJpeg.body();
            for (byte[] file : List.of(png, jpeg)) {
                for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16LE)) {
                    assertFalse(contains(file, SECRET.getBytes(cs)), "the secret is in the file as " + cs);
                }
            }

            // anyone, and a front end with its key, on every route that shows something of the credential
            for (String[] auth : List.of(new String[0], new String[] {"Authorization", "Bearer " + stampKey})) {
                seenByOthers.add(api.get("/v1/credentials/" + id, auth));
                seenByOthers.add(api.get("/c/" + id, auth));
                seenByOthers.add(api.postRaw("/v1/verify", "image/png", png, auth));
                seenByOthers.add(api.postRaw("/v1/verify", "image/jpeg", jpeg, auth));
                seenByOthers.add(api.postMultipart("/v1/verify",
                        List.of(Part.file("image", "s.png", "image/png", png)), auth));
                seenByOthers.add(api.get("/v1/creators/heron.lab", auth));
                seenByOthers.add(api.get("/v1/creators/heron.lab/models", auth));
                seenByOthers.add(api.get("/v1/creators/heron.lab/credentials", auth));
                String label = api.get("/v1/credentials/" + id).json().get("manifest").asText();
                seenByOthers.add(api.get("/manifests/" + label, auth));
                seenByOthers.add(api.get("/manifests/" + label + "?returnActiveManifest=true", auth));
                seenByOthers.add(api.postRaw("/matches/byContent", "image/png", png, auth));
                seenByOthers.add(api.get("/metrics", auth));
                seenByOthers.add(api.get("/c/" + id + "/thumbnail.jpg", auth));
                seenByOthers.add(api.get("/c/" + id + "/report", auth));
                seenByOthers.add(api.get("/v1/credentials/" + id + "/embed", auth));
                seenByOthers.add(api.get("/u/heron.lab", auth));
                seenByOthers.add(api.get("/v1/creators/heron.lab/usage", auth));
                seenByOthers.add(api.get("/v1/creators/heron.lab/reports", auth));
                seenByOthers.add(api.get("/v1/creators/heron.lab/notices", auth));
                seenByOthers.add(api.get("/v1/credentials/" + id + "/evidence", auth));
                seenByOthers.add(api.get("/v1/creators/heron.lab/grants", auth));
                seenByOthers.add(api.send("PUT", "/v1/credentials/" + id + "/disclosure",
                        utf8("{\"generation.prompt\":\"public\"}"), auth));
            }
            for (Answer a : seenByOthers) {
                assertFalse(a.text().contains(SECRET), "the secret reached someone else: " + a);
                assertFalse(new String(a.body(), StandardCharsets.UTF_16BE).contains(SECRET));
            }
            JsonNode anonymous = api.get("/v1/credentials/" + id).json();
            assertTrue(anonymous.at("/provenance/generation/prompt").isMissingNode());
            assertFalse(anonymous.toString().contains("\"generation.prompt\""), "hidden fields are not even named");
            assertEquals("public", anonymous.get("viewer").asText());
            assertTrue(anonymous.at("/provenance/generation/seed").isNumber(), "public fields are shown");
            assertTrue(anonymous.has("disclosures") && !anonymous.has("disclosure"));

            // the creator sees it, proven, in every view
            JsonNode own = api.get("/v1/credentials/" + id, bearer(token)).json();
            assertEquals("creator", own.get("viewer").asText());
            assertEquals("a grey heron, " + SECRET, own.at("/provenance/generation/prompt").asText());
            JsonNode prompt = disclosure(own.get("disclosures"), "generation.prompt");
            assertTrue(prompt.get("proven").asBoolean());
            assertEquals("private", prompt.get("level").asText());
            assertEquals("private", own.at("/disclosure/stamped/generation.prompt").asText());
            Answer ownPage = api.get("/c/" + id, bearer(token));
            assertTrue(ownPage.text().contains(SECRET));
            assertEquals("private, no-store", ownPage.header("Cache-Control"));
            JsonNode ownReport = api.postRaw("/v1/verify", "image/png", png, bearer(token)).json();
            assertEquals("a grey heron, " + SECRET, ownReport.at("/summary/provenance/generation/prompt").asText());
            JsonNode fromService = disclosure(ownReport.at("/summary/disclosures"), "generation.prompt");
            assertEquals("service", fromService.get("source").asText());
            assertTrue(fromService.get("proven").asBoolean());
        } finally {
            logs.stop();
        }
        assertTrue(logs.text().contains("creator heron.lab changed their default disclosure policy"),
                "the log capture works: " + logs.text().length() + " chars captured");
        assertFalse(logs.text().contains(SECRET), "the secret is in the service's log");

        // public: anyone sees it, proven, in the credential and in the report of the same, unchanged file
        assertEquals(200, put("/v1/creators/heron.lab/disclosure", "{}", token).status());
        JsonNode shown = api.get("/v1/credentials/" + id).json();
        assertEquals("a grey heron, " + SECRET, shown.at("/provenance/generation/prompt").asText());
        JsonNode revealed = disclosure(shown.get("disclosures"), "generation.prompt");
        assertTrue(revealed.get("proven").asBoolean());
        assertEquals("public", revealed.get("level").asText());
        assertTrue(api.get("/c/" + id).text().contains(SECRET));
        for (byte[] file : List.of(png, jpeg)) {
            JsonNode report = api.postRaw("/v1/verify", file == png ? "image/png" : "image/jpeg", file).json();
            assertEquals("trusted", report.get("status").asText());
            assertEquals("a grey heron, " + SECRET, report.at("/summary/provenance/generation/prompt").asText());
            JsonNode d = disclosure(report.at("/summary/disclosures"), "generation.prompt");
            assertTrue(d.get("proven").asBoolean());
            assertEquals("service", d.get("source").asText(), "the file never carried it");
        }
        assertFalse(contains(png, SECRET.getBytes(StandardCharsets.UTF_8)), "the file is the same");

        // protected: still shown by the service, which is what protected means
        assertEquals(200, put("/v1/creators/heron.lab/disclosure", "{\"generation\":\"protected\"}", token).status());
        assertEquals("protected", disclosure(api.get("/v1/credentials/" + id).json().get("disclosures"),
                "generation.prompt").get("level").asText());
        assertTrue(api.postRaw("/v1/verify", "image/png", png).text().contains(SECRET));

        // private again: gone from every view but its creator's
        assertEquals(200, put("/v1/creators/heron.lab/disclosure", "{\"generation.prompt\":\"private\"}", token)
                .status());
        assertFalse(api.get("/v1/credentials/" + id).text().contains(SECRET));
        assertFalse(api.get("/c/" + id).text().contains(SECRET));
        assertFalse(api.postRaw("/v1/verify", "image/png", png).text().contains(SECRET));
        assertFalse(api.postRaw("/v1/verify", "image/jpeg", jpeg).text().contains(SECRET));
        assertTrue(api.get("/v1/credentials/" + id, bearer(token)).text().contains(SECRET));
    }

    /** A field carried readable in the file: withdrawn from the service's views, and the answer says it stays there. */
    @Test
    void aFieldPublicAtStampTimeCanBeWithdrawnFromViewsButTheAnswerSaysCopiesRemain() throws Exception {
        String token = register("kite.works");
        String negative = "no-kites-8842";
        ObjectNode doc = (ObjectNode) JSON.readTree(provenance("kite.works", "a kite"));
        ((ObjectNode) doc.get("generation")).put("negativePrompt", negative);
        Answer stamped = api.stamp(stampKey, image("rgb8.png"), "image/png", doc.toString());
        assertEquals(200, stamped.status(), stamped.toString());
        String id = stamped.header("Credential-Id");
        byte[] file = stamped.body();
        assertTrue(contains(file, negative.getBytes(StandardCharsets.UTF_8)) || base64Contains(file, negative),
                "public fields travel in the file");
        JsonNode before = api.postRaw("/v1/verify", "image/png", file).json();
        assertEquals("manifest", disclosure(before.at("/summary/disclosures"), "generation.negativePrompt")
                .get("source").asText());
        // the soft-binding API serves the file's manifest store, which carries the field while it is public
        String manifests = "/manifests/" + api.get("/v1/credentials/" + id).json().get("manifest").asText();
        Answer store = api.get(manifests);
        assertEquals(200, store.status(), store.toString());
        assertTrue(contains(store.body(), negative.getBytes(StandardCharsets.UTF_8))
                || base64Contains(store.body(), negative));

        Answer override = put("/v1/credentials/" + id + "/disclosure", "{\"generation.negativePrompt\":\"private\"}",
                token);
        assertEquals(200, override.status(), override.toString());
        JsonNode published = override.json().at("/disclosure/alreadyPublished");
        assertEquals("generation.negativePrompt", published.at("/fields/0").asText(), published.toString());
        assertTrue(published.get("notice").asText().contains("cannot be recalled"));
        assertEquals("private", override.json().at("/disclosure/override/generation.negativePrompt").asText());

        // the service's views leave it out, the file's manifest copy included
        assertFalse(api.postRaw("/v1/verify", "image/png", file).text().contains(negative));
        for (String route : List.of(manifests, manifests + "?returnActiveManifest=true")) {
            Answer withdrawn = api.get(route);
            assertEquals(403, withdrawn.status(), withdrawn.toString());
            assertFalse(contains(withdrawn.body(), negative.getBytes(StandardCharsets.UTF_8))
                    || base64Contains(withdrawn.body(), negative));
        }
        assertFalse(api.get("/v1/credentials/" + id).text().contains(negative));
        assertTrue(api.postRaw("/v1/verify", "image/png", file, bearer(token)).text().contains(negative));
        // an offline verifier still reads it from the file: that is the copy that cannot be recalled
        Path out = service.dataDir.resolveSibling("kite.png");
        Files.write(out, file);
        Run offline = CliRunner.run("verify", out.toString(), "--data", service.dataDir.toString());
        assertEquals(0, offline.exit(), offline.err());
        assertTrue(offline.out().contains(negative));

        // the creator's default changes the other credentials, and says how many files carry the field
        String id2 = api.stamp(stampKey, image("rgb8.png"), "image/png", doc.toString()).header("Credential-Id");
        Answer policy = put("/v1/creators/kite.works/disclosure", "{\"generation\":\"private\"}", token);
        assertEquals(200, policy.status());
        JsonNode fields = policy.json().at("/alreadyPublished/fields");
        JsonNode negativeCount = null;
        for (JsonNode f : fields) {
            if (f.get("path").asText().equals("generation.negativePrompt")) {
                negativeCount = f;
            }
        }
        assertNotNull(negativeCount, fields.toString());
        assertEquals(1, negativeCount.get("credentials").asInt(), "the overridden credential follows its own policy");
        assertTrue(policy.json().at("/alreadyPublished/notice").asText().contains("cannot be recalled"));
        assertFalse(api.get("/v1/credentials/" + id2).text().contains(negative));

        // removing the override: the default applies again
        Answer cleared = api.send("DELETE", "/v1/credentials/" + id + "/disclosure", new byte[0], bearer(token));
        assertEquals(200, cleared.status(), cleared.toString());
        assertTrue(cleared.json().at("/disclosure/override").isNull());
        assertEquals("private", cleared.json().at("/disclosure/levels/generation.seed").asText());
    }

    /** Credentials from before disclosures were recorded follow the creator's default, unproven, and have no override. */
    @Test
    void aCredentialStampedBeforeDisclosuresWereRecordedFollowsTheCreatorsDefault() {
        String token = register("old.timer");
        Answer stamped = api.stamp(stampKey, image("rgb8.png"), "image/png", provenance("old.timer", "an old owl"));
        String id = stamped.header("Credential-Id");
        long value = io.credmark.credential.CredentialId.parse(id).orElseThrow().value();
        service.node.database().run(c -> {
            for (String table : List.of("credential_disclosures", "credential_commitments")) {
                try (var s = c.prepareStatement("DELETE FROM " + table + " WHERE credential_id = ?")) {
                    s.setLong(1, value);
                    s.executeUpdate();
                }
            }
            return null;
        });
        assertEquals("an old owl", api.get("/v1/credentials/" + id).json().at("/provenance/generation/prompt").asText());
        assertEquals(200, put("/v1/creators/old.timer/disclosure", "{\"generation.prompt\":\"private\"}", token)
                .status());
        assertFalse(api.get("/v1/credentials/" + id).text().contains("an old owl"));
        assertFalse(api.postRaw("/v1/verify", "image/png", stamped.body()).text().contains("an old owl"),
                "the file's copy is left out of the report too");
        assertTrue(api.get("/v1/credentials/" + id, bearer(token)).text().contains("an old owl"));
        assertTrue(api.postRaw("/v1/verify", "image/png", stamped.body(), bearer(token)).text().contains("an old owl"));
        assertProblem(put("/v1/credentials/" + id + "/disclosure", "{}", token), 409, "conflict");
    }

    /** A stamp request can make fields stricter than the creator's policy, never looser. */
    @Test
    void aStampRequestMayAskForStricterLevelsNeverLooser() throws Exception {
        String token = register("wren.studio");
        assertEquals(200, put("/v1/creators/wren.studio/disclosure", "{\"lineage\":\"private\"}", token).status());
        Answer stamped = api.postMultipart("/v1/stamp", List.of(Part.file("image", "a.png", "image/png",
                image("rgb8.png")), Part.json("provenance", provenance("wren.studio", "a wren")),
                Part.json("options", "{\"disclosure\":{\"lineage.datasets\":\"public\",\"generation.seed\":\"private\","
                        + "\"usage.license\":\"protected\"}}")), "Authorization", "Bearer " + stampKey);
        assertEquals(200, stamped.status(), stamped.toString());
        String id = stamped.header("Credential-Id");
        assertFalse(contains(stamped.body(), "Inkwash reference scans".getBytes(StandardCharsets.UTF_8)));
        assertFalse(contains(stamped.body(), "CreativeML".getBytes(StandardCharsets.UTF_8)));

        JsonNode own = api.get("/v1/credentials/" + id, bearer(token)).json();
        assertEquals("private", own.at("/disclosure/stamped/lineage.datasets").asText(), "never looser");
        assertEquals("private", own.at("/disclosure/stamped/generation.seed").asText(), "stricter");
        assertEquals("protected", own.at("/disclosure/stamped/usage.license").asText());
        assertEquals("public", own.at("/disclosure/stamped/generation.steps").asText());

        // the request's levels stay with the credential: the creator's default cannot loosen them
        assertEquals(200, put("/v1/creators/wren.studio/disclosure", "{}", token).status());
        JsonNode anyone = api.get("/v1/credentials/" + id).json();
        assertTrue(anyone.at("/provenance/generation/seed").isMissingNode());
        assertTrue(anyone.at("/provenance/lineage/datasets").isArray(), "the default now allows it");
        // nor can the creator's own decision on this credential: the request's levels are a floor
        assertEquals(200, put("/v1/credentials/" + id + "/disclosure", "{}", token).status());
        assertTrue(api.get("/v1/credentials/" + id).json().at("/provenance/generation/seed").isMissingNode());
        // what the front end made private is its user's: the model's creator does not see it either
        JsonNode creatorsView = api.get("/v1/credentials/" + id, bearer(token)).json();
        assertTrue(creatorsView.at("/provenance/generation/seed").isMissingNode(), creatorsView.toString());
        assertTrue(creatorsView.at("/provenance/lineage/datasets").isArray(), "the creator's own private field");
        JsonNode creatorsEvidence = api.get("/v1/credentials/" + id + "/evidence", bearer(token)).json();
        assertTrue(creatorsEvidence.get("disclosures").size() > 0);
        for (JsonNode d : creatorsEvidence.get("disclosures")) {
            assertFalse(new String(Base64.getUrlDecoder().decode(d.asText()), StandardCharsets.UTF_8)
                    .contains("\"generation.seed\""), "no evidence of it for the creator");
        }
        // the front end got it at stamp time, as evidence that proves it against the file
        Answer withEvidence = api.postMultipart("/v1/stamp", List.of(Part.file("image", "a.png", "image/png",
                image("rgb8.png")), Part.json("provenance", provenance("wren.studio", "a wren")),
                Part.json("options", "{\"disclosure\":{\"generation.seed\":\"private\"}}")),
                "Authorization", "Bearer " + stampKey, "Accept", "application/json");
        assertEquals(200, withEvidence.status(), withEvidence.toString());
        JsonNode evidence = withEvidence.json().get("evidence");
        assertEquals(1, evidence.get("disclosures").size(), evidence.toString());
        String seedDisclosure = new String(Base64.getUrlDecoder().decode(evidence.at("/disclosures/0").asText()),
                StandardCharsets.UTF_8);
        assertTrue(seedDisclosure.contains("\"generation.seed\""), seedDisclosure);

        // a creator handle must be one a creator could register: no lookalikes of a registered one
        Answer lookalike = api.stamp(stampKey, image("rgb8.png"), "image/png",
                provenance("wren.studio", "a wren").replace("wren.studio", "wren.stu\u0434io"));
        assertProblem(lookalike, 422, "invalid-document");
        assertEquals("creator.handle", lookalike.json().at("/errors/0/path").asText(), lookalike.toString());
        Answer fullwidth = api.stamp(stampKey, image("rgb8.png"), "image/png",
                provenance("wren.studio", "a wren").replace("wren.studio", "\uff37ren.studio"));
        assertProblem(fullwidth, 422, "invalid-document");
        assertTrue(fullwidth.json().at("/errors/0/message").asText().contains("'wren.studio'"), fullwidth.toString());

        Answer bad = api.postMultipart("/v1/stamp", List.of(Part.file("image", "a.png", "image/png",
                image("rgb8.png")), Part.json("provenance", provenance("wren.studio", "a wren")),
                Part.json("options", "{\"disclosure\":{\"generation.nope\":\"private\",\"creator.handle\":\"private\"}}")),
                "Authorization", "Bearer " + stampKey);
        assertProblem(bad, 422, "invalid-document");
        assertEquals("options.disclosure.generation.nope", bad.json().at("/errors/0/path").asText(), bad.toString());
    }

    // --- tokens ------------------------------------------------------------------------------------------------

    @Test
    void creatorRoutesNeedTheRightCreatorsToken() {
        String token = register("owl.maker");
        String other = register("owl.rival");
        String id = api.stamp(stampKey, image("rgb8.png"), "image/png", provenance("owl.maker", "an owl"))
                .header("Credential-Id");
        String policy = "{\"generation.prompt\":\"public\"}";
        assertEquals(200, put("/v1/creators/owl.maker/disclosure", "{\"generation.prompt\":\"private\"}", token)
                .status());

        for (String path : List.of("/v1/creators/owl.maker/disclosure", "/v1/credentials/" + id + "/disclosure")) {
            Answer none = api.send("PUT", path, utf8(policy));
            assertProblem(none, 401, "unauthorized");
            assertNotNull(none.header("WWW-Authenticate"));
            assertProblem(api.send("PUT", path, utf8(policy), bearer("cmc_not-a-token")), 401, "unauthorized");
            assertProblem(api.send("PUT", path, utf8(policy), "Authorization", "Basic b3dsOm93bA=="), 401,
                    "unauthorized");
            assertProblem(api.send("PUT", path, utf8(policy), bearer(stampKey)), 403, "forbidden");
            assertProblem(api.send("PUT", path, utf8(policy), bearer(adminKey)), 403, "forbidden");
            assertProblem(api.send("PUT", path, utf8(policy), bearer(other)), 403, "forbidden");
        }
        // a front end cannot change a policy: nothing changed
        assertEquals("private", api.get("/v1/creators/owl.maker/disclosure", bearer(token)).json()
                .at("/levels/generation.prompt").asText());
        assertTrue(api.get("/v1/credentials/" + id).json().at("/provenance/generation/prompt").isMissingNode());

        JsonNode mine = api.get("/v1/creators/owl.maker/credentials", bearer(token)).json();
        assertEquals(id, mine.at("/credentials/0/id").asText(), mine.toString());
        assertFalse(mine.at("/credentials/0/override").asBoolean());
        assertProblem(api.get("/v1/creators/owl.maker/credentials", bearer(other)), 403, "forbidden");
        assertProblem(api.get("/v1/creators/owl.maker/credentials", bearer(stampKey)), 403, "forbidden");
        assertProblem(api.get("/v1/creators/owl.maker/credentials?limit=x", bearer(token)), 400, "bad-request");
        assertProblem(api.get("/v1/creators/owl.maker/disclosure", bearer(other)), 403, "forbidden");
        Answer notTheirs = api.get("/v1/credentials/" + id + "/evidence", bearer(other));
        assertProblem(notTheirs, 403, "forbidden");
        assertFalse(notTheirs.text().contains("owl.maker"), "a 403 does not say whose the credential is");
        assertProblem(api.get("/v1/credentials/" + id + "/evidence", bearer(stampKey)), 403, "forbidden");
        assertProblem(api.get("/v1/credentials/" + id + "/evidence"), 401, "unauthorized");
        assertProblem(api.send("POST", "/v1/creators/owl.maker/models", utf8("{\"model\":{\"name\":\"Owl\"}}"),
                bearer(stampKey)), 403, "forbidden");
        // another creator's token on a public route sees what anyone sees; an unknown one is refused
        assertTrue(api.get("/v1/credentials/" + id, bearer(other)).json().at("/provenance/generation/prompt")
                .isMissingNode());
        assertProblem(api.get("/v1/credentials/" + id, bearer("cmc_unknown")), 401, "unauthorized");
        // a creator's token is not an API key
        assertProblem(api.stamp(token, image("rgb8.png"), "image/png", provenance("owl.maker", "x")), 403, "forbidden");

        // registering creators is the administrator's
        assertProblem(api.postRaw("/v1/creators", "application/json", utf8("{\"handle\":\"owl.x\"}")), 401,
                "unauthorized");
        assertProblem(api.postRaw("/v1/creators", "application/json", utf8("{\"handle\":\"owl.x\"}"),
                bearer(stampKey)), 403, "forbidden");
        assertProblem(api.postRaw("/v1/creators", "application/json", utf8("{\"handle\":\"owl.maker\"}"),
                bearer(adminKey)), 409, "conflict");
        Answer badHandle = api.postRaw("/v1/creators", "application/json", utf8("{\"handle\":\"Owl Maker\"}"),
                bearer(adminKey));
        assertProblem(badHandle, 422, "invalid-document");
        assertEquals("handle", badHandle.json().at("/errors/0/path").asText());

        // tokens are stored hashed, distinct from API keys, and can be replaced
        assertTrue(token.startsWith("cmc_") && !token.equals(other));
        Answer reissued = api.send("POST", "/v1/creators/owl.rival/token", new byte[0], bearer(adminKey));
        assertEquals(200, reissued.status(), reissued.toString());
        assertProblem(api.get("/v1/creators/owl.rival/disclosure", bearer(other)), 401, "unauthorized");
        assertEquals(200, api.get("/v1/creators/owl.rival/disclosure", bearer(reissued.json().get("token").asText()))
                .status());
        Answer invalid = put("/v1/creators/owl.maker/disclosure", "{\"creator.handle\":\"private\",\"x\":1}", token);
        assertProblem(invalid, 422, "invalid-document");
        assertEquals(2, invalid.json().get("errors").size(), invalid.toString());
    }

    // --- proofs --------------------------------------------------------------------------------------------------

    /**
     * The creator's evidence proves a hidden value offline against the file; forged disclosures (an edited value, a
     * reused salt, another field's disclosure, another credential's) are reported unproven by the API, never as
     * proven, and their values never reach the proven provenance.
     */
    @Test
    void evidenceProvesHiddenValuesOfflineAndForgeriesAreUnproven(@TempDir Path dir) throws Exception {
        String token = register("ibis.ink");
        assertEquals(200, put("/v1/creators/ibis.ink/disclosure", "{\"generation.prompt\":\"private\","
                + "\"lineage.datasets\":\"private\"}", token).status());
        Answer stamped = api.stamp(stampKey, image("baseline-420.jpg"), "image/jpeg",
                provenance("ibis.ink", "an ibis, " + SECRET));
        String id = stamped.header("Credential-Id");
        byte[] file = stamped.body();
        String otherId = api.stamp(stampKey, image("rgb8.png"), "image/png", provenance("ibis.ink", "another"))
                .header("Credential-Id");

        Answer evidence = api.get("/v1/credentials/" + id + "/evidence?fields=generation.prompt", bearer(token));
        assertEquals(200, evidence.status(), evidence.toString());
        assertTrue(evidence.header("Content-Disposition").contains("attachment"));
        JsonNode bundle = evidence.json();
        assertEquals("credmark-evidence/2", bundle.get("format").asText());
        assertEquals(id, bundle.at("/credential/id").asText());
        assertEquals(1, bundle.get("disclosures").size());
        assertProblem(api.get("/v1/credentials/" + id + "/evidence?fields=generation.nope", bearer(token)), 422,
                "invalid-document");
        assertEquals(ApiContract.sha256(file), api.get("/v1/credentials/" + id).json().get("sha256").asText());

        // offline: credmark verify FILE --evidence BUNDLE.json, in-process
        Path image = dir.resolve("ibis.jpg");
        Path bundleFile = dir.resolve("bundle.json");
        Files.write(image, file);
        Files.write(bundleFile, evidence.body());
        Run withEvidence = CliRunner.run("verify", image.toString(), "--evidence", bundleFile.toString(), "--data",
                service.dataDir.toString());
        assertEquals(0, withEvidence.exit(), withEvidence.err());
        JsonNode offline = JSON.readTree(withEvidence.out());
        assertEquals("trusted", offline.get("status").asText());
        assertEquals("an ibis, " + SECRET, offline.at("/summary/provenance/generation/prompt").asText());
        JsonNode proven = disclosure(offline.at("/summary/disclosures"), "generation.prompt");
        assertEquals("evidence", proven.get("source").asText());
        assertTrue(proven.get("proven").asBoolean());
        Run without = CliRunner.run("verify", image.toString(), "--data", service.dataDir.toString());
        assertEquals(0, without.exit());
        assertFalse(without.out().contains(SECRET), "without the evidence the file tells nothing");

        // through the API: the creator's evidence posted to verify by anyone is proven
        JsonNode viaApi = verifyWithEvidence(file, evidence.body());
        assertEquals("an ibis, " + SECRET, viaApi.at("/summary/provenance/generation/prompt").asText());
        assertTrue(disclosure(viaApi.at("/summary/disclosures"), "generation.prompt").get("proven").asBoolean());

        // forgeries
        JsonNode all = api.get("/v1/credentials/" + id + "/evidence", bearer(token)).json();
        Disclosure prompt = find(all, "generation.prompt");
        Disclosure seed = find(all, "generation.seed");
        Disclosure datasets = find(all, "lineage.datasets");
        JsonNode otherAll = api.get("/v1/credentials/" + otherId + "/evidence", bearer(token)).json();
        Disclosure otherPrompt = find(otherAll, "generation.prompt");
        String forgedValue = "forged-value-5519";
        List<String> forgeries = List.of(
                encode(prompt.salt(), "generation.prompt", JSON.getNodeFactory().textNode(forgedValue)),
                encode(seed.salt(), "generation.prompt", JSON.getNodeFactory().textNode(forgedValue)),
                encode(datasets.salt(), "generation.prompt", datasets.value()),
                encode(prompt.salt(), "generation.negativePrompt", prompt.value()),
                otherPrompt.encoded(),
                "not-a-disclosure");
        for (String forged : forgeries) {
            ObjectNode b = (ObjectNode) bundle.deepCopy();
            b.putArray("disclosures").add(forged);
            JsonNode report = verifyWithEvidence(file, JSON.writeValueAsBytes(b));
            assertEquals("trusted", report.get("status").asText());
            List<JsonNode> fromEvidence = new ArrayList<>();
            report.at("/summary/disclosures").forEach(d -> {
                if (d.get("source").asText().equals("evidence")) {
                    fromEvidence.add(d);
                }
            });
            assertEquals(1, fromEvidence.size(), report.at("/summary/disclosures").toString());
            assertFalse(fromEvidence.get(0).get("proven").asBoolean(), "a forgery was proven: " + forged);
            assertTrue(fromEvidence.get(0).hasNonNull("problem"));
            assertFalse(report.get("summary").get("provenance").toString().contains(forgedValue));
            assertFalse(report.at("/summary/provenance/generation/prompt").asText("").contains("another"));
            assertTrue(report.at("/summary/provenance/generation/prompt").isMissingNode(),
                    "nothing unproven is shown as provenance");
        }
        // the same forgeries through the offline CLI
        ObjectNode forgedBundle = (ObjectNode) bundle.deepCopy();
        ArrayNode list = forgedBundle.putArray("disclosures");
        forgeries.forEach(list::add);
        Files.write(bundleFile, JSON.writeValueAsBytes(forgedBundle));
        Run forgedOffline = CliRunner.run("verify", image.toString(), "--evidence", bundleFile.toString(), "--data",
                service.dataDir.toString());
        JsonNode forgedReport = JSON.readTree(forgedOffline.out());
        forgedReport.at("/summary/disclosures").forEach(d -> {
            if (d.get("source").asText().equals("evidence")) {
                assertFalse(d.get("proven").asBoolean(), d.toString());
            }
        });
        assertFalse(forgedReport.at("/summary/provenance").toString().contains(forgedValue));

        Answer badBundle = api.postMultipart("/v1/verify", List.of(Part.file("image", "i.jpg", "image/jpeg", file),
                Part.json("evidence", "{\"format\":\"nope\"}")));
        assertProblem(badBundle, 422, "invalid-document");
    }

    // --- the model registry ------------------------------------------------------------------------------------

    @Test
    void modelsFormALineageDagAcrossCreatorsWithCreditsUpstreamAndCyclesRefused() {
        String mirelle = register("mirelle.ink");
        String sumi = register("sumi.studio");
        Answer strokes = post("/v1/creators/sumi.studio/models", "{\"slug\":\"sumi-strokes-xl\",\"model\":{\"name\":"
                + "\"Sumi Strokes XL\",\"version\":\"1.3\"},\"lineage\":{\"baseModels\":[\"Stable Diffusion XL Base\"],"
                + "\"datasets\":[{\"name\":\"Sumi scans\",\"license\":\"CC-BY-4.0\"}]},"
                + "\"usage\":{\"license\":\"CreativeML Open RAIL++-M\"}}", sumi);
        assertEquals(201, strokes.status(), strokes.toString());
        assertEquals("sumi.studio:sumi-strokes-xl", strokes.json().get("id").asText());
        assertEquals("/v1/creators/sumi.studio/models/sumi.studio:sumi-strokes-xl", strokes.header("Location"));
        Answer base = post("/v1/creators/mirelle.ink/models", "{\"model\":{\"name\":\"Ink Base\"}}", mirelle);
        assertEquals(201, base.status(), base.toString());
        assertEquals("mirelle.ink:ink-base", base.json().get("id").asText(), "the slug comes from the name");
        Answer inkwash = post("/v1/creators/mirelle.ink/models", "{\"slug\":\"inkwash-xl\",\"creator\":{\"displayName\":"
                + "\"Mirelle Okafor\"},\"model\":{\"name\":\"Inkwash XL\",\"version\":\"2.1\"},\"lineage\":{"
                + "\"baseModels\":[{\"modelId\":\"mirelle.ink:ink-base\"}],"
                + "\"merges\":[{\"model\":{\"modelId\":\"sumi.studio:sumi-strokes-xl\"},\"weight\":0.4}],"
                + "\"fineTuning\":{\"method\":\"LoRA rank 32\"},\"credits\":[{\"handle\":\"sumi.studio\","
                + "\"role\":\"merge ingredient\"}]},\"usage\":{\"license\":\"CreativeML Open RAIL++-M\","
                + "\"prohibited\":[\"impersonation\"]}}", mirelle);
        assertEquals(201, inkwash.status(), inkwash.toString());

        JsonNode view = api.get("/v1/creators/mirelle.ink/models/mirelle.ink:inkwash-xl").json();
        assertEquals("Ink Base", view.at("/record/lineage/baseModels/0/name").asText(), "names are filled in");
        assertEquals("sumi.studio:sumi-strokes-xl", view.at("/record/lineage/merges/0/model/modelId").asText());
        assertEquals(List.of("mirelle.ink:ink-base", "sumi.studio:sumi-strokes-xl"), ids(view.get("upstream")));
        assertEquals(List.of("sumi.studio"), texts(view.get("credits")));
        assertEquals(service.base + "/m/mirelle.ink:inkwash-xl", view.get("url").asText());
        JsonNode used = api.get("/v1/creators/sumi.studio/models/sumi.studio:sumi-strokes-xl").json().get("usedBy");
        assertEquals(1, used.size());
        assertEquals("mirelle.ink:inkwash-xl", used.at("/0/id").asText());
        assertEquals("merges", used.at("/0/kind").asText());
        assertEquals(0.4, used.at("/0/weight").asDouble());
        JsonNode listed = api.get("/v1/creators/mirelle.ink/models").json();
        assertEquals(List.of("mirelle.ink:ink-base", "mirelle.ink:inkwash-xl"), ids(listed.get("models")));
        Answer page = api.get("/m/mirelle.ink:inkwash-xl");
        assertEquals(200, page.status());
        assertTrue(page.text().contains("Inkwash XL") && page.text().contains("Sumi Strokes XL"), page.text());

        // a transitive chain upstream: a model made from inkwash sees sumi's credit too
        String heron = register("grey.heron");
        assertEquals(201, post("/v1/creators/grey.heron/models", "{\"model\":{\"name\":\"Heron Mix\"},\"lineage\":"
                + "{\"merges\":[{\"model\":{\"modelId\":\"mirelle.ink:inkwash-xl\"},\"weight\":1}]}}", heron).status());
        JsonNode mix = api.get("/v1/creators/grey.heron/models/grey.heron:heron-mix").json();
        assertEquals(List.of("mirelle.ink", "sumi.studio"), texts(mix.get("credits")));
        assertEquals(2, mix.at("/upstream/2/depth").asInt(), mix.toString());

        // cycles are refused, naming the entry and only the models the caller named; so are unknown models and self references
        Answer cycle = api.send("PUT", "/v1/creators/sumi.studio/models/sumi.studio:sumi-strokes-xl", utf8(
                "{\"model\":{\"name\":\"Sumi Strokes XL\"},\"lineage\":{\"baseModels\":[\"SDXL\","
                        + "{\"modelId\":\"grey.heron:heron-mix\"}]}}"), bearer(sumi));
        assertProblem(cycle, 422, "invalid-document");
        assertEquals("lineage.baseModels[1].modelId", cycle.json().at("/errors/0/path").asText(), cycle.toString());
        String cycleMessage = cycle.json().at("/errors/0/message").asText();
        assertTrue(cycleMessage.contains("'grey.heron:heron-mix'") && cycleMessage.contains("'sumi.studio:sumi-strokes-xl'"),
                cycle.toString());
        assertFalse(cycle.text().contains("mirelle.ink:inkwash-xl"), "links the caller did not name stay unnamed");
        Answer self = api.send("PUT", "/v1/creators/mirelle.ink/models/mirelle.ink:ink-base", utf8(
                "{\"model\":{\"name\":\"Ink Base\"},\"lineage\":{\"merges\":[{\"model\":{\"modelId\":"
                        + "\"mirelle.ink:ink-base\"}}]}}"), bearer(mirelle));
        assertProblem(self, 422, "invalid-document");
        assertEquals("lineage.merges[0].model.modelId", self.json().at("/errors/0/path").asText());
        Answer unknown = post("/v1/creators/mirelle.ink/models", "{\"model\":{\"name\":\"X\"},\"lineage\":{"
                + "\"baseModels\":[{\"modelId\":\"nobody:nothing\"}]}}", mirelle);
        assertProblem(unknown, 422, "invalid-document");
        assertTrue(unknown.json().at("/errors/0/message").asText().contains("no registered model"));
        Answer invalid = post("/v1/creators/mirelle.ink/models", "{\"model\":{\"name\":\"Y\"},\"generation\":{},"
                + "\"lineage\":{\"merges\":[{\"weight\":\"heavy\"}]}}", mirelle);
        assertProblem(invalid, 422, "invalid-document");
        assertTrue(invalid.text().contains("generation") && invalid.text().contains("lineage.merges[0]"), invalid.text());
        assertProblem(post("/v1/creators/mirelle.ink/models", "{\"slug\":\"inkwash-xl\",\"model\":{\"name\":\"Z\"}}",
                mirelle), 409, "conflict");
        // only its creator edits a model
        assertProblem(api.send("PUT", "/v1/creators/mirelle.ink/models/mirelle.ink:ink-base",
                utf8("{\"model\":{\"name\":\"Mine\"}}"), bearer(sumi)), 403, "forbidden");
        assertProblem(api.send("PUT", "/v1/creators/sumi.studio/models/mirelle.ink:ink-base",
                utf8("{\"model\":{\"name\":\"Mine\"}}"), bearer(sumi)), 404, "not-found");
        assertProblem(api.get("/v1/creators/sumi.studio/models/mirelle.ink:ink-base"), 404, "not-found");
        assertProblem(api.get("/m/nobody:nothing"), 404, "not-found");

        // what anyone sees of a model follows its creator's policy, lineage links included
        assertEquals(200, put("/v1/creators/mirelle.ink/disclosure", "{\"lineage.merges\":\"private\","
                + "\"usage\":\"private\"}", mirelle).status());
        JsonNode hidden = api.get("/v1/creators/mirelle.ink/models/mirelle.ink:inkwash-xl").json();
        assertTrue(hidden.at("/record/lineage/merges").isMissingNode());
        assertTrue(hidden.at("/record/usage").isMissingNode());
        assertEquals(List.of("mirelle.ink:ink-base"), ids(hidden.get("upstream")));
        assertEquals(0, api.get("/v1/creators/sumi.studio/models/sumi.studio:sumi-strokes-xl").json().get("usedBy")
                .size());
        assertFalse(api.get("/m/sumi.studio:sumi-strokes-xl").text().contains("Inkwash"));
        JsonNode ownView = api.get("/v1/creators/mirelle.ink/models/mirelle.ink:inkwash-xl", bearer(mirelle)).json();
        assertEquals("creator", ownView.get("viewer").asText());
        assertTrue(ownView.at("/record/lineage/merges").isArray());
        assertEquals(200, put("/v1/creators/mirelle.ink/disclosure", "{}", mirelle).status());
    }

    /** Two writes that would each close half of a cycle, at once: the registry lock lets exactly one through. */
    @Test
    void concurrentWritesCannotCloseACycleBetweenThem() throws Exception {
        String a = register("loop.a");
        String b = register("loop.b");
        for (int round = 0; round < 5; round++) {
            String left = "left-" + round;
            String right = "right-" + round;
            assertEquals(201, post("/v1/creators/loop.a/models", "{\"slug\":\"" + left + "\",\"model\":{\"name\":\"L\"}}",
                    a).status());
            assertEquals(201, post("/v1/creators/loop.b/models", "{\"slug\":\"" + right + "\",\"model\":{\"name\":\"R\"}}",
                    b).status());
            java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.Future<Answer> first = pool.submit(() -> {
                    barrier.await();
                    return api.send("PUT", "/v1/creators/loop.a/models/loop.a:" + left, utf8("{\"model\":{\"name\":"
                            + "\"L\"},\"lineage\":{\"baseModels\":[{\"modelId\":\"loop.b:" + right + "\"}]}}"), bearer(a));
                });
                java.util.concurrent.Future<Answer> second = pool.submit(() -> {
                    barrier.await();
                    return api.send("PUT", "/v1/creators/loop.b/models/loop.b:" + right, utf8("{\"model\":{\"name\":"
                            + "\"R\"},\"lineage\":{\"baseModels\":[{\"modelId\":\"loop.a:" + left + "\"}]}}"), bearer(b));
                });
                List<Integer> statuses = new ArrayList<>(List.of(first.get().status(), second.get().status()));
                statuses.sort(null);
                assertEquals(List.of(200, 422), statuses, first.get() + " / " + second.get());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * A stamp naming a registered model carries a snapshot of its record as it is then; later edits make a new
     * revision and leave old credentials as they were. The credential links to the model's page.
     */
    @Test
    void aStampNamingARegisteredModelCarriesASnapshotOfItsRecord() {
        String token = register("crane.atelier");
        assertEquals(201, post("/v1/creators/crane.atelier/models", "{\"slug\":\"crane-xl\",\"creator\":{"
                + "\"displayName\":\"Crane Atelier\"},\"model\":{\"name\":\"Crane XL\",\"version\":\"1.0\"},"
                + "\"lineage\":{\"datasets\":[{\"name\":\"Crane sketches\"}]},\"usage\":{\"license\":\"MIT\"}}", token)
                .status());
        String byModel = "{\"registeredModel\":\"crane.atelier:crane-xl\",\"generation\":{\"prompt\":\"a crane\","
                + "\"seed\":7}}";
        Answer first = api.stamp(stampKey, image("rgb8.png"), "image/png", byModel);
        assertEquals(200, first.status(), first.toString());
        String id = first.header("Credential-Id");
        JsonNode view = api.get("/v1/credentials/" + id).json();
        assertEquals("crane.atelier:crane-xl", view.at("/model/id").asText());
        assertEquals(1, view.at("/model/revision").asInt());
        assertEquals(service.base + "/m/crane.atelier:crane-xl", view.at("/model/url").asText());
        assertEquals("crane.atelier", view.at("/provenance/creator/handle").asText());
        assertEquals("Crane Atelier", view.at("/provenance/creator/displayName").asText());
        assertEquals("1.0", view.at("/provenance/model/version").asText());
        assertEquals(service.base + "/m/crane.atelier:crane-xl", view.at("/provenance/model/url").asText(),
                "the file links to the model's page");
        assertEquals("Crane sketches", view.at("/provenance/lineage/datasets/0/name").asText());
        assertEquals("a crane", view.at("/provenance/generation/prompt").asText());
        assertTrue(api.get("/c/" + id).text().contains("/m/crane.atelier:crane-xl"));

        Answer edited = api.send("PUT", "/v1/creators/crane.atelier/models/crane.atelier:crane-xl", utf8(
                "{\"model\":{\"name\":\"Crane XL\",\"version\":\"2.0\"},\"usage\":{\"license\":\"Apache-2.0\"}}"),
                bearer(token));
        assertEquals(200, edited.status(), edited.toString());
        assertEquals(2, edited.json().get("revision").asInt());
        JsonNode old = api.get("/v1/credentials/" + id).json();
        assertEquals("1.0", old.at("/provenance/model/version").asText(), "old credentials keep their snapshot");
        assertEquals("MIT", old.at("/provenance/usage/license").asText());
        JsonNode oldReport = api.postRaw("/v1/verify", "image/png", first.body()).json();
        assertEquals("1.0", oldReport.at("/summary/provenance/model/version").asText());
        String id2 = api.stamp(stampKey, image("rgb8.png"), "image/png", byModel).header("Credential-Id");
        JsonNode fresh = api.get("/v1/credentials/" + id2).json();
        assertEquals("2.0", fresh.at("/provenance/model/version").asText());
        assertEquals(2, fresh.at("/model/revision").asInt());
        assertEquals(2, api.get("/v1/creators/crane.atelier/models/crane.atelier:crane-xl").json()
                .get("credentials").asInt());
        JsonNode listed = api.get("/v1/creators/crane.atelier/credentials?limit=1", bearer(token)).json();
        assertEquals(1, listed.get("credentials").size());
        assertEquals(id2, listed.at("/credentials/0/id").asText(), "newest first");
        assertEquals("crane.atelier:crane-xl", listed.at("/credentials/0/registeredModel").asText());
        assertEquals(id, api.get("/v1/creators/crane.atelier/credentials?limit=1&offset=1", bearer(token)).json()
                .at("/credentials/0/id").asText());

        Answer unknown = api.stamp(stampKey, image("rgb8.png"), "image/png",
                "{\"registeredModel\":\"crane.atelier:nope\"}");
        assertProblem(unknown, 422, "invalid-document");
        assertEquals("registeredModel", unknown.json().at("/errors/0/path").asText());
        assertEquals("provenance", unknown.json().at("/errors/0/part").asText());
        Answer extra = api.stamp(stampKey, image("rgb8.png"), "image/png",
                "{\"registeredModel\":\"crane.atelier:crane-xl\",\"model\":{\"name\":\"x\"}}");
        assertProblem(extra, 422, "invalid-document");
        Answer badGeneration = api.stamp(stampKey, image("rgb8.png"), "image/png",
                "{\"registeredModel\":\"crane.atelier:crane-xl\",\"generation\":{\"seed\":\"abc\"}}");
        assertProblem(badGeneration, 422, "invalid-document");
        assertEquals("generation.seed", badGeneration.json().at("/errors/0/path").asText());
    }

    /** Policies live in the database: a change made through one node shows at once on another. */
    @Test
    void aPolicyChangedOnOneNodeShowsAtOnceOnAnother() {
        String token = register("stork.co");
        String id = api.stamp(stampKey, image("rgb8.png"), "image/png", provenance("stork.co", "a stork"))
                .header("Credential-Id");
        try (TestService second = TestService.start(service.dataDir, service.databaseUrl, Map.of())) {
            ApiClient other = second.client();
            assertEquals("a stork", other.get("/v1/credentials/" + id).json().at("/provenance/generation/prompt")
                    .asText());
            assertEquals(200, put("/v1/creators/stork.co/disclosure", "{\"generation.prompt\":\"private\"}", token)
                    .status());
            assertTrue(other.get("/v1/credentials/" + id).json().at("/provenance/generation/prompt").isMissingNode());
            assertEquals(200, other.send("PUT", "/v1/creators/stork.co/disclosure", utf8("{}"), bearer(token))
                    .status());
            assertEquals("a stork", api.get("/v1/credentials/" + id).json().at("/provenance/generation/prompt")
                    .asText());
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private String register(String handle) {
        Answer a = api.postRaw("/v1/creators", "application/json", utf8("{\"handle\":\"" + handle + "\"}"),
                bearer(adminKey));
        assertEquals(201, a.status(), a.toString());
        assertEquals(handle, a.json().get("handle").asText());
        assertEquals("no-store", a.header("Cache-Control"));
        String token = a.json().get("token").asText();
        assertTrue(token.startsWith("cmc_"), token);
        return token;
    }

    private Answer put(String path, String json, String token) {
        return api.send("PUT", path, utf8(json), "Authorization", "Bearer " + token, "Content-Type",
                "application/json");
    }

    private Answer post(String path, String json, String token) {
        return api.send("POST", path, utf8(json), "Authorization", "Bearer " + token, "Content-Type",
                "application/json");
    }

    private JsonNode verifyWithEvidence(byte[] jpeg, byte[] bundle) {
        Answer a = api.postMultipart("/v1/verify", List.of(Part.file("image", "i.jpg", "image/jpeg", jpeg),
                Part.json("evidence", bundle)));
        assertEquals(200, a.status(), a.toString());
        return a.json();
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    /** The example document with another creator and prompt. */
    private static String provenance(String handle, String prompt) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(example());
            ((ObjectNode) doc.get("creator")).put("handle", handle);
            ((ObjectNode) doc.get("generation")).put("prompt", prompt);
            return doc.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode disclosure(JsonNode list, String path) {
        for (JsonNode d : list) {
            if (path.equals(d.path("path").asText())) {
                return d;
            }
        }
        throw new AssertionError("no disclosure of " + path + " in " + list);
    }

    private static Disclosure find(JsonNode bundle, String path) {
        for (JsonNode d : bundle.get("disclosures")) {
            Disclosure parsed = Disclosure.parse(d.asText()).orElseThrow();
            if (parsed.path().equals(path)) {
                return parsed;
            }
        }
        throw new AssertionError("no disclosure of " + path);
    }

    private static String encode(String salt, String path, JsonNode value) throws IOException {
        ArrayNode array = JSON.createArrayNode().add(salt).add(path).add(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(array));
    }

    private static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }

    private static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Public disclosures travel as base64url inside the manifest. */
    private static boolean base64Contains(byte[] file, String text) {
        String latin = new String(file, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{40,}").matcher(latin);
        while (m.find()) {
            try {
                if (new String(Base64.getUrlDecoder().decode(m.group()), StandardCharsets.UTF_8).contains(text)) {
                    return true;
                }
            } catch (IllegalArgumentException e) {
                // not base64url
            }
        }
        return false;
    }

    /** Everything the process writes to stdout and stderr (where the service logs) while it runs, passed through. */
    private static final class Captured {
        private final PrintStream out = System.out;
        private final PrintStream err = System.err;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        static Captured start() {
            Captured c = new Captured();
            System.setOut(new PrintStream(tee(c.out, c.bytes), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(tee(c.err, c.bytes), true, StandardCharsets.UTF_8));
            return c;
        }

        void stop() {
            System.setOut(out);
            System.setErr(err);
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        private static OutputStream tee(OutputStream a, ByteArrayOutputStream b) {
            return new OutputStream() {
                @Override
                public void write(int x) throws IOException {
                    a.write(x);
                    synchronized (b) {
                        b.write(x);
                    }
                }

                @Override
                public void write(byte[] buf, int off, int len) throws IOException {
                    a.write(buf, off, len);
                    synchronized (b) {
                        b.write(buf, off, len);
                    }
                }
            };
        }
    }
}
