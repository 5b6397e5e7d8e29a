package io.credmark.c2pa.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.testing.Corpus;
import io.credmark.testing.TestInstallation;
import io.credmark.verification.VerificationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * credmark's verdict on every C2PA fixture equals what the reference implementation (c2pa-rs) reports in
 * {@code testdata/c2pa-fixtures/RESULTS.txt}, with the fixtures' trust anchors: the same state and the same set of
 * failure codes; files c2pa-rs cannot read are "none", with the remote manifest's URL where there is one.
 */
class FixtureConformanceTest {

    @TempDir
    static Path data;

    record Expected(String file, String state, Set<String> failures, String error) {
    }

    private static final Pattern LINE = Pattern.compile(
            "\\s*c2pa-rs \\(test anchors\\)\\s+exit=(\\d)\\s+(\\S+)\\s+\\[([^\\]]*)\\]\\s*(.*)");

    static Stream<Expected> fixtures() throws IOException {
        List<String> lines = Files.readAllLines(Corpus.file("testdata/c2pa-fixtures/RESULTS.txt"));
        List<Expected> out = new ArrayList<>();
        String file = null;
        for (String line : lines) {
            if (!line.startsWith(" ") && !line.isBlank()) {
                file = line.trim();
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                Set<String> failures = new HashSet<>();
                for (String c : m.group(3).split(",")) {
                    if (!c.isBlank()) {
                        failures.add(c.trim());
                    }
                }
                out.add(new Expected(file, m.group(2), failures, m.group(4)));
            }
        }
        assertEquals(23, out.size(), "every fixture of RESULTS.txt is read");
        return out.stream();
    }

    private static VerificationReport verify(String file) {
        Path path = Corpus.file("testdata/c2pa-fixtures/" + file);
        if (!Files.exists(path)) {
            path = Corpus.file("testdata/c2pa-fixtures/generated/" + file);
        }
        return Holder.INSTALLATION.credmark().verification().verify(Corpus.bytes(path));
    }

    /** One installation for all fixtures: opening the development CA is the slow part. */
    private static final class Holder {
        static final TestInstallation INSTALLATION = TestInstallation.withFixtureAnchors(data);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void sameStateAndFailureCodesAsTheReferenceImplementation(Expected expected) {
        VerificationReport report = verify(expected.file());
        String state = switch (report.status()) {
            case TRUSTED -> "Trusted";
            case VALID -> "Valid";
            case INVALID -> "Invalid";
            case NONE -> "none";
        };
        assertEquals(expected.state(), state, expected.file());
        Set<String> failures = new HashSet<>(report.validation().map(ValidationResult::failureCodes).orElse(List.of()));
        assertEquals(expected.failures(), failures, expected.file());
        if (expected.error().contains("RemoteManifestUrl")) {
            assertTrue(report.remoteManifest().orElseThrow().startsWith("https://cai-manifests.adobe.com/mani"));
        }
        if (expected.error().contains("UnknownAlgorithm")) {
            assertTrue(report.error().orElseThrow().contains("algorithm.unsupported"), report.error().toString());
        }
    }
}
