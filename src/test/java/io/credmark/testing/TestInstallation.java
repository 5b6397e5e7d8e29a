package io.credmark.testing;

import io.credmark.app.Credmark;
import io.credmark.app.Settings;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A credmark installation in a temporary data directory, with its development CA. */
public final class TestInstallation {

    private final Path dataDir;
    private final Credmark credmark;

    private TestInstallation(Path dataDir, Map<String, String> settings, List<Path> anchors) {
        this.dataDir = dataDir;
        this.credmark = Credmark.open(Settings.resolve(java.util.Optional.of(dataDir.toString()), settings, Map.of()),
                anchors);
    }

    public static TestInstallation in(Path dataDir) {
        return new TestInstallation(dataDir, Map.of(), List.of());
    }

    public static TestInstallation in(Path dataDir, Map<String, String> settings) {
        return new TestInstallation(dataDir, settings, List.of());
    }

    /** Also trusting the fixtures' anchors, so that other producers' test files can be Trusted. */
    public static TestInstallation withFixtureAnchors(Path dataDir) {
        return new TestInstallation(dataDir, Map.of(), List.of(
                Corpus.file("testdata/c2pa-fixtures/trust/test_cert_root_bundle.pem"),
                Corpus.file("testdata/c2pa-fixtures/trust/generated-root.pem")));
    }

    public Credmark credmark() {
        return credmark;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The development root as a PEM file, for the reference verifier's trust anchors. */
    public Path rootPem() {
        Path pem = dataDir.resolve("root-anchor.pem");
        try {
            Files.writeString(pem, credmark.developmentCa().rootPem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pem;
    }

    public static ProvenanceDocument exampleProvenance() {
        return ProvenanceParser.parse(Corpus.bytes("testdata/provenance/example.json"));
    }

    public static ProvenanceDocument minimalProvenance() {
        return ProvenanceParser.parse(Corpus.bytes("testdata/provenance/minimal.json"));
    }
}
