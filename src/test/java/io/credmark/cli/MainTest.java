package io.credmark.cli;

import static io.credmark.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.cli.CliRunner.Run;
import io.credmark.testing.Corpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line as a contract: names, JSON output, exit codes, one-line errors. */
class MainTest {

    @TempDir
    Path dir;

    private String data() {
        return dir.resolve("data").toString();
    }

    private static void assertOneLineError(Run r) {
        assertEquals(2, r.exit(), r.err());
        String err = r.err().strip();
        assertFalse(err.isEmpty());
        assertFalse(err.contains("\n"), "one line: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void stampThenVerifyIsTrustedAndTheReportIsJson() throws Exception {
        Path out = dir.resolve("out.png");
        Run stamp = run("stamp", "--in", Corpus.file("testdata/images/a1111-parameters.png").toString(), "--out",
                out.toString(), "--provenance", Corpus.file("testdata/provenance/example.json").toString(),
                "--data", data());
        assertEquals(0, stamp.exit(), stamp.err());
        assertTrue(stamp.json().get("manifest").asText().startsWith("urn:c2pa:"));

        Run verify = run("verify", out.toString(), "--data", data());
        assertEquals(0, verify.exit(), verify.err());
        JsonNode report = verify.json();
        assertEquals("trusted", report.get("status").asText());
        assertEquals("credmark development", report.at("/summary/signer/organization").asText());
        assertEquals("c2pa.created", report.at("/summary/actions/0/action").asText());
        assertEquals("http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia",
                report.at("/summary/actions/0/digitalSourceType").asText());
        assertEquals("mirelle.ink", report.at("/summary/provenance/creator/handle").asText());
        assertEquals(0, report.at("/validation/failure").size());
    }

    @Test
    void verifyExitCodesFollowTheStatus() throws Exception {
        Run none = run("verify", Corpus.file("testdata/images/rgb8.png").toString(), "--data", data());
        assertEquals(2, none.exit());
        assertEquals("none", none.json().get("status").asText());

        Run untrusted = run("verify", Corpus.file("testdata/c2pa-fixtures/generated/signed-es256.jpg").toString(),
                "--data", data());
        assertEquals(0, untrusted.exit());
        assertEquals("valid", untrusted.json().get("status").asText());

        Run trusted = run("verify", Corpus.file("testdata/c2pa-fixtures/generated/signed-es256.jpg").toString(),
                "--data", data(), "--trust-anchors",
                Corpus.file("testdata/c2pa-fixtures/trust/generated-root.pem").toString());
        assertEquals("trusted", trusted.json().get("status").asText());

        Run invalid = run("verify", Corpus.file("testdata/c2pa-fixtures/XCA.jpg").toString(), "--data", data());
        assertEquals(1, invalid.exit());
        assertEquals("invalid", invalid.json().get("status").asText());
        List<String> codes = new ArrayList<>();
        invalid.json().at("/validation/failure").forEach(f -> codes.add(f.get("code").asText()));
        assertTrue(codes.contains("assertion.dataHash.mismatch"), codes.toString());

        Run remote = run("verify", Corpus.file("testdata/c2pa-fixtures/cloud.jpg").toString(), "--data", data());
        assertEquals(2, remote.exit());
        assertTrue(remote.json().get("remoteManifest").asText().startsWith("https://"));
    }

    @Test
    void keysRootPrintsTheAnchorThatVerifiesStamps() throws Exception {
        Run root = run("keys", "root", "--data", data());
        assertEquals(0, root.exit());
        assertTrue(root.out().startsWith("-----BEGIN CERTIFICATE-----"), root.out());
        assertEquals(root.out(), run("keys", "root", "--data", data()).out(), "the root is created once");
    }

    @Test
    void keysRotateSignerMakesANewSignerCurrentForTheValidityAsked() throws Exception {
        Run rotated = run("keys", "rotate-signer", "--validity", "P30D", "--data", data());
        assertEquals(0, rotated.exit(), rotated.err());
        assertTrue(rotated.out().startsWith("new signer CN=credmark development signer (EC P-256)"), rotated.out());
        X509Certificate signer = io.credmark.pki.DevelopmentCa.openOrCreate(Path.of(data())).signer().leaf();
        assertTrue(rotated.out().contains(signer.getSerialNumber().toString(16)), rotated.out());
        Duration left = Duration.between(java.time.Instant.now(), signer.getNotAfter().toInstant());
        assertTrue(left.toDays() == 29 || left.toDays() == 30, left.toString());

        Run stamp = run("stamp", "--in", Corpus.file("testdata/images/rgb8.png").toString(), "--out",
                dir.resolve("rotated.png").toString(), "--provenance",
                Corpus.file("testdata/provenance/minimal.json").toString(), "--data", data());
        assertEquals(0, stamp.exit(), stamp.err());
        assertTrue(stamp.json().at("/timeStamp/stamped").asBoolean(), stamp.out());
        assertEquals(signer.getNotAfter().toInstant().toString(), run("verify", dir.resolve("rotated.png").toString(),
                "--data", data()).json().at("/summary/signer/certificateNotAfter").asText());

        Run bad = run("keys", "rotate-signer", "--validity", "a while", "--data", data());
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("ISO-8601"), bad.err());
    }

    @Test
    void anExistingManifestBecomesTheParent() {
        Path out = dir.resolve("child.jpg");
        Run stamp = run("stamp", "--in", Corpus.file("testdata/c2pa-fixtures/generated/signed-es256.jpg").toString(),
                "--out", out.toString(), "--provenance", Corpus.file("testdata/provenance/minimal.json").toString(),
                "--data", data());
        assertEquals(0, stamp.exit(), stamp.err());
        JsonNode report = run("verify", out.toString(), "--data", data()).json();
        assertEquals("trusted", report.get("status").asText());
        assertEquals("c2pa.opened", report.at("/summary/actions/0/action").asText());
        assertEquals("parentOf", report.at("/summary/ingredients/0/relationship").asText());
        assertEquals(stamp.json().get("parentManifest").asText(), report.at("/summary/ingredients/0/manifest").asText());
    }

    static Stream<Path> malformed() {
        return Corpus.malformed().stream();
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedInputGetsOneLineAndExitTwoFromVerifyAndStamp(Path file) {
        Run verify = run("verify", file.toString(), "--data", data());
        assertOneLineError(verify);
        Path out = dir.resolve("never-written.bin");
        Run stamp = run("stamp", "--in", file.toString(), "--out", out.toString(), "--provenance",
                Corpus.file("testdata/provenance/minimal.json").toString(), "--data", data());
        assertOneLineError(stamp);
        assertFalse(Files.exists(out), "a failed stamp writes nothing");
    }

    @Test
    void badProvenanceNamesTheJsonPath() throws Exception {
        Path prov = dir.resolve("prov.json");
        Files.writeString(prov, "{\"creator\":{\"handle\":\"a\"},\"model\":{\"name\":\"m\"},\"generation\":{\"seed\":\"x1\"}}");
        Run r = run("stamp", "--in", Corpus.file("testdata/images/rgb8.png").toString(), "--out",
                dir.resolve("o.png").toString(), "--provenance", prov.toString(), "--data", data());
        assertOneLineError(r);
        assertTrue(r.err().contains("generation.seed"), r.err());
    }

    @Test
    void usageErrorsAreOneLine() {
        List<Run> runs = new ArrayList<>();
        runs.add(run("verify"));
        runs.add(run("verify", "a", "b"));
        runs.add(run("stamp", "--in", "x"));
        runs.add(run("verify", "--bogus", "x"));
        runs.add(run("frobnicate"));
        runs.add(run("verify", dir.resolve("missing.png").toString(), "--data", data()));
        for (Run r : runs) {
            assertEquals(2, r.exit(), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }

    @Test
    void aCreatorProvesAPrivateFieldOfflineWithTheEvidenceBundleAndForgeriesFail() throws Exception {
        Path out = dir.resolve("private.jpg");
        Path evidence = dir.resolve("evidence.json");
        Run stamp = run("stamp", "--in", Corpus.file("testdata/images/baseline-444.jpg").toString(), "--out",
                out.toString(), "--provenance", Corpus.file("testdata/provenance/example.json").toString(),
                "--private", "generation.prompt", "--protected", "lineage", "--evidence-out", evidence.toString(),
                "--data", data());
        assertEquals(0, stamp.exit(), stamp.err());
        assertEquals("private", stamp.json().at("/disclosure/generation.prompt").asText());

        JsonNode plain = run("verify", out.toString(), "--data", data()).json();
        assertTrue(plain.at("/summary/provenance/generation/prompt").isMissingNode());

        JsonNode proven = run("verify", out.toString(), "--data", data(), "--evidence", evidence.toString()).json();
        assertFalse(proven.at("/summary/provenance/generation/prompt").asText().isEmpty());
        proven.at("/summary/disclosures").forEach(d -> assertTrue(d.get("proven").asBoolean(), d.toString()));

        // a forged bundle: the prompt's value edited, its salt and path kept
        JsonNode bundle = new ObjectMapper().readTree(Files.readString(evidence));
        com.fasterxml.jackson.databind.node.ArrayNode list = (com.fasterxml.jackson.databind.node.ArrayNode)
                bundle.get("disclosures");
        for (int i = 0; i < list.size(); i++) {
            String decoded = new String(java.util.Base64.getUrlDecoder().decode(list.get(i).asText()),
                    StandardCharsets.UTF_8);
            if (decoded.contains("\"generation.prompt\"")) {
                JsonNode arr = new ObjectMapper().readTree(decoded);
                String forged = "[" + new ObjectMapper().writeValueAsString(arr.get(0).asText())
                        + ",\"generation.prompt\",\"someone else's prompt\"]";
                list.set(i, new com.fasterxml.jackson.databind.node.TextNode(java.util.Base64.getUrlEncoder()
                        .withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))));
            }
        }
        Path forgedBundle = dir.resolve("forged.json");
        Files.writeString(forgedBundle, bundle.toString());
        JsonNode forged = run("verify", out.toString(), "--data", data(), "--evidence", forgedBundle.toString()).json();
        assertTrue(forged.at("/summary/provenance/generation/prompt").isMissingNode(), "never shown as proven");
        boolean reported = false;
        for (JsonNode d : forged.at("/summary/disclosures")) {
            if ("generation.prompt".equals(d.path("path").asText())) {
                assertFalse(d.get("proven").asBoolean());
                reported = true;
            }
        }
        assertTrue(reported, "the forged value is reported as unproven");
    }

    /**
     * The command line's bundle is the service's ({@code credmark-evidence/2} with {@code signature}): verify checks
     * its time-stamps and chains against the file, and a bundle tampered with, or one for another file, fails.
     */
    @Test
    void theStampsEvidenceBundleCarriesTheSignatureEvidenceAndVerifyChecksIt() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path out = dir.resolve("signed.png");
        Path evidence = dir.resolve("signed-evidence.json");
        Run stamp = run("stamp", "--in", Corpus.file("testdata/images/rgb8.png").toString(), "--out", out.toString(),
                "--provenance", Corpus.file("testdata/provenance/example.json").toString(), "--evidence-out",
                evidence.toString(), "--data", data());
        assertEquals(0, stamp.exit(), stamp.err());
        JsonNode bundle = json.readTree(Files.readString(evidence));
        assertEquals("credmark-evidence/2", bundle.get("format").asText());
        JsonNode signature = bundle.get("signature");
        assertEquals(stamp.json().get("manifest").asText(), signature.get("manifest").asText());
        assertTrue(signature.at("/timeStamp/token").isTextual(), signature.toString());
        assertTrue(signature.at("/freshTimeStamp/token").isTextual(), signature.toString());
        assertEquals(3, signature.at("/signer/chain").size(), "signer, intermediate, root: " + signature);
        Path anchors = dir.resolve("root.pem");
        Files.writeString(anchors, run("keys", "root", "--data", data()).out());

        // offline, in a data directory that knows nothing of the stamp
        String elsewhere = dir.resolve("elsewhere").toString();
        Run checked = run("verify", out.toString(), "--evidence", evidence.toString(), "--trust-anchors",
                anchors.toString(), "--data", elsewhere);
        assertEquals(0, checked.exit(), checked.err());
        JsonNode report = checked.json().get("evidence");
        assertEquals("valid", report.get("status").asText(), report.toString());
        assertEquals("trusted", report.at("/timeStamp/status").asText(), report.toString());
        assertEquals("trusted", report.at("/freshTimeStamp/status").asText(), report.toString());
        assertTrue(report.at("/freshTimeStamp/proves").asText().contains("existed no later than "
                + signature.at("/freshTimeStamp/time").asText()), report.toString());
        assertEquals("trusted", report.at("/signer/status").asText(), report.toString());

        // verify-evidence checks models' bundles and says where this one is checked
        Run wrongCommand = run("verify-evidence", evidence.toString());
        assertEquals(2, wrongCommand.exit(), wrongCommand.out());
        assertTrue(wrongCommand.err().contains("verify FILE --evidence"), wrongCommand.err());

        // tampered: the fresh time-stamp of another stamp's bundle, or a chain that is not the signer's
        Path otherEvidence = dir.resolve("other-evidence.json");
        assertEquals(0, run("stamp", "--in", Corpus.file("testdata/images/rgb8.png").toString(), "--out",
                dir.resolve("other.png").toString(), "--provenance", Corpus.file("testdata/provenance/example.json")
                .toString(), "--evidence-out", otherEvidence.toString(), "--data", data()).exit());
        JsonNode other = json.readTree(Files.readString(otherEvidence));
        Path tampered = dir.resolve("tampered.json");
        com.fasterxml.jackson.databind.node.ObjectNode swapped = bundle.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) swapped.get("signature")).set("freshTimeStamp",
                other.at("/signature/freshTimeStamp"));
        Files.writeString(tampered, swapped.toString());
        Run wrongToken = run("verify", out.toString(), "--evidence", tampered.toString(), "--data", elsewhere);
        assertEquals(1, wrongToken.exit(), wrongToken.out());
        assertTrue(wrongToken.err().contains("fresh time-stamp: the time-stamp token is over other data"),
                wrongToken.err());
        com.fasterxml.jackson.databind.node.ObjectNode wrongChain = bundle.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) wrongChain.get("signature").get("signer")).set("chain",
                signature.at("/timeStamp/chain"));
        Files.writeString(tampered, wrongChain.toString());
        Run wrongSigner = run("verify", out.toString(), "--evidence", tampered.toString(), "--data", elsewhere);
        assertEquals(1, wrongSigner.exit(), wrongSigner.out());
        assertTrue(wrongSigner.err().contains("signer: the file's certificate is not the one in the evidence"),
                wrongSigner.err());
        // the whole bundle of another file
        Run otherFile = run("verify", out.toString(), "--evidence", otherEvidence.toString(), "--data", elsewhere);
        assertEquals(1, otherFile.exit(), otherFile.out());
    }

    /**
     * Identity chains are judged against the CAWG anchors only ({@code --cawg-trust-anchors}, and on the installation
     * its own identity root), the signer's against the C2PA anchors ({@code --trust-anchors}): the identity root never
     * trusts a signer, and given as a C2PA anchor it does not confirm a creator.
     */
    @Test
    void verifyEvidenceJudgesIdentityChainsAgainstTheCawgAnchorsOnly() throws Exception {
        io.credmark.app.Credmark credmark = io.credmark.app.Credmark.open(io.credmark.app.Settings.resolve(
                java.util.Optional.of(data()), Map.of(), Map.of()));
        io.credmark.c2pa.sign.SignedManifest signed = io.credmark.testing.IdentitySignedImages.sign(
                credmark.developmentCa(), credmark.identityCa(), credmark.timeStamping());
        Path image = dir.resolve("identity.png");
        Files.write(image, signed.toByteArray());
        Path evidence = dir.resolve("identity-evidence.json");
        Files.writeString(evidence, credmark.credentialEvidence().bundle(signed.label(), java.util.Optional.empty(),
                java.util.Optional.empty(), List.of(), signed.store()).toJson().toString());
        Path root = dir.resolve("root.pem");
        Files.writeString(root, credmark.trustAnchors().toPem());
        Path identityRoot = dir.resolve("identity-root.pem");
        Files.writeString(identityRoot, io.credmark.pki.TrustAnchors.of(credmark.identityCa().root()).toPem());
        String elsewhere = dir.resolve("elsewhere").toString();

        JsonNode asCawg = evidenceReport(run("verify", image.toString(), "--evidence", evidence.toString(),
                "--cawg-trust-anchors", identityRoot.toString(), "--data", elsewhere));
        assertEquals("trusted", asCawg.at("/identities/0/status").asText(), asCawg.toString());
        assertEquals("valid", asCawg.at("/signer/status").asText(), asCawg.toString());

        JsonNode asC2pa = evidenceReport(run("verify", image.toString(), "--evidence", evidence.toString(),
                "--trust-anchors", identityRoot.toString(), "--data", elsewhere));
        assertEquals("valid", asC2pa.at("/identities/0/status").asText(), asC2pa.toString());
        assertEquals("valid", asC2pa.at("/signer/status").asText(), asC2pa.toString());

        JsonNode both = evidenceReport(run("verify", image.toString(), "--evidence", evidence.toString(),
                "--trust-anchors", root.toString(), "--cawg-trust-anchors", identityRoot.toString(), "--data",
                elsewhere));
        assertEquals("trusted", both.at("/identities/0/status").asText(), both.toString());
        assertEquals("trusted", both.at("/signer/status").asText(), both.toString());
        assertEquals("trusted", both.at("/timeStamp/status").asText(), both.toString());

        // on the installation: its own roots, each in its set
        JsonNode local = evidenceReport(run("verify", image.toString(), "--evidence", evidence.toString(), "--data",
                data()));
        assertEquals("trusted", local.at("/identities/0/status").asText(), local.toString());
        assertEquals("trusted", local.at("/signer/status").asText(), local.toString());
    }

    private static JsonNode evidenceReport(Run r) {
        assertEquals(0, r.exit(), r.err());
        JsonNode evidence = r.json().get("evidence");
        assertEquals("valid", evidence.get("status").asText(), evidence.toString());
        assertEquals(1, evidence.get("identities").size(), evidence.toString());
        return evidence;
    }

    @Test
    void aStampOverThePixelLimitIsRefusedBeforeDecoding() {
        Run r = run("stamp", "--in", Corpus.file("testdata/malformed/png-ihdr-100000x100000.png").toString(), "--out",
                dir.resolve("o.png").toString(), "--provenance",
                Corpus.file("testdata/provenance/minimal.json").toString(), "--data", data());
        assertOneLineError(r);
        assertTrue(r.err().contains("limit"), r.err());
    }
}
