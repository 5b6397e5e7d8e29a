package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.credential.CredentialId;
import io.credmark.http.ApiClient.Answer;
import io.credmark.http.ApiClient.Part;
import io.credmark.store.Database;
import io.credmark.testing.ByteSearch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy of the database alone (the H2 file, or a PostgreSQL dump) reveals no private value: provenance documents
 * and disclosures are sealed with the store key, which lives apart from the database. The PostgreSQL variant is
 * {@link PrivateValuesAtRestOnPostgresIT}.
 */
class PrivateValuesAtRestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMAGE = "testdata/watermark/heldout/photo-mate-dune-1024x1024.jpg";

    @Test
    void theH2FileHoldsNoPrivateValueAndIsOwnerOnly(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        String prompt = "a private otter folding paper cranes " + System.nanoTime();
        try (TestService service = TestService.start(data, Database.defaultUrl(data), Map.of())) {
            stampWithPrivatePrompt(service, prompt);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        Path file = data.resolve(Database.DEFAULT_NAME + ".mv.db");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith(Database.DEFAULT_NAME)).toList()) {
                assertFalse(contains(Files.readAllBytes(f), prompt), f.getFileName() + " holds the private prompt");
            }
        }
    }

    /** Stamps with the prompt private, and checks that the service itself still reads it back. */
    static void stampWithPrivatePrompt(TestService service, String prompt) throws IOException {
        ObjectNode doc = (ObjectNode) JSON.readTree(ApiContract.example());
        ((ObjectNode) doc.get("generation")).put("prompt", prompt);
        Answer stamped = service.client().postMultipart("/v1/stamp", List.of(
                Part.file("image", "in.jpg", "image/jpeg", Files.readAllBytes(Path.of(IMAGE))),
                Part.json("provenance", doc.toString()),
                Part.json("options", "{\"disclosure\":{\"generation.prompt\":\"private\"}}")),
                "Authorization", "Bearer " + service.createStampKey());
        assertEquals(200, stamped.status(), stamped.toString());
        long id = CredentialId.parse(stamped.header("Credential-Id")).orElseThrow().value();
        assertTrue(service.node.credentials().find(id).orElseThrow().provenanceJson().contains(prompt));
        assertTrue(service.node.credentials().disclosures(id).stream().anyMatch(d -> d.path().equals(
                "generation.prompt")));
    }

    static boolean contains(byte[] haystack, String needle) {
        return ByteSearch.contains(haystack, needle.getBytes(StandardCharsets.UTF_8));
    }
}
