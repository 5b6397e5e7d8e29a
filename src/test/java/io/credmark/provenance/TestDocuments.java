package io.credmark.provenance;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shared helpers: the sample documents and shortcuts for asserting problems. */
final class TestDocuments {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Path EXAMPLE = Path.of("testdata/provenance/example.json");
    static final Path MINIMAL = Path.of("testdata/provenance/minimal.json");

    private TestDocuments() {
    }

    static byte[] bytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProvenanceDocument example() {
        return ProvenanceParser.parse(bytes(EXAMPLE));
    }

    static ProvenanceDocument parse(String json) {
        return ProvenanceParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** JSON with single quotes for readability in tests: {@code {'a': 1}}. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal valid document with {@code member} (a JSON member text) added at the top level. */
    static String minimalWith(String member) {
        return "{\"creator\":{\"handle\":\"h\"},\"model\":{\"name\":\"m\"}," + member + "}";
    }

    static ProvenanceException rejected(String json) {
        return assertThrows(ProvenanceException.class, () -> parse(json));
    }

    static List<String> problems(String json) {
        return rejected(json).problems().stream().map(Problem::toString).toList();
    }
}
