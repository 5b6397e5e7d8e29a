package io.credmark.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.credential.CredentialRef;
import io.credmark.disclosure.DisclosurePolicy;
import io.credmark.http.StampOptionsJson;
import io.credmark.issuance.StampOptions;
import io.credmark.issuance.StampRequest;
import io.credmark.issuance.StampResult;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceParser;
import io.credmark.testing.Corpus;
import io.credmark.testing.ReferenceVerifier;
import io.credmark.testing.TestInstallation;
import io.credmark.verification.VerificationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XMP labels go in before the hard binding, merged into the input's one packet, and other tools read them. */
class XmpStampIT {

    private static final String URL = "https://credmark.example/c/abcdefghjkmnp";

    @TempDir
    Path dir;

    @Test
    void everyCorpusKindCarriesOnePacketThatExiftoolAndC2paRsRead() throws Exception {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        ProvenanceDocument provenance = provenance();
        DisclosurePolicy promptPrivate = DisclosurePolicy.parse(new ObjectMapper().createObjectNode()
                .put("generation.prompt", "private"));
        List<String> inputs = List.of("rgb8.png", "rgba8.png", "interlaced-adam7.png", "xmp-itxt.png",
                "a1111-parameters.png", "baseline-420.jpg", "progressive.jpg", "cmyk-adobe.jpg", "xmp-app1.jpg",
                "exif-no-app0.jpg", "jfif-exif.jpg", "exif-a1111-usercomment.jpg");
        List<Path> outputs = new ArrayList<>();
        for (String input : inputs) {
            StampResult result = installation.credmark().stamping().stamp(new StampRequest(
                    Corpus.bytes("testdata/images/" + input), provenance, Optional.of(new CredentialRef("abcdefghjkmnp",
                    URL)), Optional.empty(), promptPrivate));
            assertTrue(result.metadata().xmp().contains("Iptc4xmpExt:DigitalSourceType"), input);
            byte[] file = result.toByteArray();
            assertEquals(1, count(file, "<x:xmpmeta"), input + ": one XMP packet");
            assertEquals(VerificationReport.Status.TRUSTED, installation.credmark().verification().verify(file)
                    .status(), input);
            Path out = dir.resolve(outputs.size() + "-" + input);
            Files.write(out, file);
            outputs.add(out);

            String tags = exiftool(out, "-XMP-iptcExt:DigitalSourceType", "-XMP-iptcExt:AISystemUsed",
                    "-XMP-iptcExt:AIPromptInformation", "-XMP-xmpRights:WebStatement", "-XMP-plus:DataMining",
                    "-XMP-dc:Creator");
            assertTrue(tags.contains("[XMP-iptcExt] Digital Source Type : http://cv.iptc.org/newscodes/"
                    + "digitalsourcetype/trainedAlgorithmicMedia"), input + "\n" + tags);
            assertTrue(tags.contains("AI System Used : Inkwash XL"), tags);
            assertTrue(tags.contains("Web Statement : " + URL), tags);
            assertTrue(tags.contains("Data Mining : http://ns.useplus.org/ldf/vocab/DMI-PROHIBITED-AIMLTRAINING"),
                    tags);
            assertTrue(tags.contains("Creator : Mirelle Okafor"), tags);
            assertFalse(tags.contains("AI Prompt Information"), "the prompt is private: " + tags);
            assertEquals(1, exiftool(out, "-XMP-iptcExt:DigitalSourceType").lines().count(), "one packet");
        }
        ReferenceVerifier.create().withTrustAnchors(installation.rootPem()).assertAllTrusted(outputs);
    }

    @Test
    void theInputsOwnPacketIsMergedNotDuplicated() throws Exception {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        for (String input : List.of("xmp-itxt.png", "xmp-app1.jpg")) {
            byte[] file = installation.credmark().stamping().stamp(StampRequest.of(
                    Corpus.bytes("testdata/images/" + input), TestInstallation.minimalProvenance())).toByteArray();
            Path out = dir.resolve("merged-" + input);
            Files.write(out, file);
            String tags = exiftool(out, "-XMP-dc:Title", "-XMP-xmp:CreatorTool", "-XMP-iptcExt:DigitalSourceType");
            assertTrue(tags.contains("Title : Rainy bookshop"), input + ": the input's properties stay\n" + tags);
            assertTrue(tags.contains("trainedAlgorithmicMedia"), tags);
            assertEquals(1, count(file, "<x:xmpmeta"));
        }
    }

    @Test
    void xmpOffWritesNone() {
        TestInstallation installation = TestInstallation.in(dir.resolve("data"));
        StampOptions off = StampOptionsJson.parse(new ObjectMapper().createObjectNode().put("xmp", false));
        StampResult r = installation.credmark().stamping().stamp(StampRequest.of(Corpus.bytes(
                "testdata/images/rgb8.png"), TestInstallation.minimalProvenance()).withOptions(off));
        assertEquals(0, count(r.toByteArray(), "<x:xmpmeta"));
        assertTrue(r.metadata().xmp().isEmpty());
    }

    /** The example with a public display name, a private prompt, and training prohibited in the usage terms. */
    private static ProvenanceDocument provenance() throws IOException {
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(Corpus.bytes("testdata/provenance/example.json"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) json.at("/usage/prohibited")).add(
                "training AI or machine learning models on generated images");
        return ProvenanceParser.parse(json);
    }

    private static String exiftool(Path file, String... tags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("exiftool", "-a", "-G1"));
        command.addAll(List.of(tags));
        command.add(file.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new String(out, StandardCharsets.UTF_8).replaceAll(" {2,}", " ");
    }

    private static int count(byte[] haystack, String text) {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        int n = 0;
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }
}
