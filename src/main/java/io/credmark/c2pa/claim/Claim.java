package io.credmark.c2pa.claim;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.c2pa.CborException;
import io.credmark.c2pa.ClaimException;
import io.credmark.c2pa.cbor.CborReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A claim as read from a manifest (spec 2.2 §10): version 2 ({@code c2pa.claim.v2}) or the older version 1
 * ({@code c2pa.claim}), which credmark still reads but never writes.
 *
 * @param bytes the CBOR exactly as stored: what the claim signature covers
 */
public record Claim(
        int version,
        byte[] bytes,
        JsonNode node,
        String instanceId,
        String generator,
        String signatureUrl,
        List<HashedUri> createdAssertions,
        List<HashedUri> gatheredAssertions,
        List<String> redactedAssertions,
        String alg,
        Optional<String> title) {

    public static final String LABEL_V2 = "c2pa.claim.v2";
    public static final String LABEL_V1 = "c2pa.claim";

    public List<HashedUri> allAssertions() {
        List<HashedUri> all = new ArrayList<>(createdAssertions);
        all.addAll(gatheredAssertions);
        return all;
    }

    public static Claim parse(String boxLabel, byte[] bytes) {
        JsonNode n;
        try {
            n = CborReader.read(bytes);
        } catch (CborException e) {
            throw new ClaimException("claim.cbor.invalid", "claim is not well-formed CBOR: " + e.getMessage());
        }
        if (!n.isObject()) {
            throw new ClaimException("claim.malformed", "claim is not a CBOR map");
        }
        int version = LABEL_V1.equals(boxLabel) ? 1 : 2;
        if (version == 2 && n.has("assertions") && n.has("created_assertions")) {
            throw new ClaimException("claim.malformed", "claim has both assertions and created_assertions");
        }
        String generator = version == 2
                ? n.path("claim_generator_info").path("name").asText(null)
                : n.path("claim_generator").asText(null);
        if (generator == null || generator.isBlank()) {
            throw new ClaimException("claim.malformed", "claim has no claim generator name");
        }
        String signature = n.path("signature").asText(null);
        if (signature == null) {
            throw new ClaimException("claim.malformed", "claim names no signature");
        }
        if (!n.path("alg").isTextual()) {
            throw new ClaimException("algorithm.unsupported", "claim has no hash algorithm (alg)");
        }
        String instanceId = n.path("instanceID").asText(null);
        if (instanceId == null) {
            throw new ClaimException("claim.malformed", "claim has no instanceID");
        }
        List<HashedUri> created = hashedUris(n.path(version == 2 ? "created_assertions" : "assertions"));
        List<HashedUri> gathered = version == 2 ? hashedUris(n.path("gathered_assertions")) : List.of();
        if (created.isEmpty() && version == 2) {
            throw new ClaimException("claim.malformed", "claim lists no created assertions");
        }
        List<String> redacted = new ArrayList<>();
        n.path("redacted_assertions").forEach(r -> redacted.add(r.asText()));
        return new Claim(version, bytes, n, instanceId, generator, signature, created, gathered, redacted,
                n.get("alg").textValue(), Optional.ofNullable(n.path("dc:title").asText(null)));
    }

    private static List<HashedUri> hashedUris(JsonNode array) {
        List<HashedUri> out = new ArrayList<>();
        if (array.isMissingNode()) {
            return out;
        }
        if (!array.isArray()) {
            throw new ClaimException("claim.malformed", "assertion list is not an array");
        }
        for (JsonNode e : array) {
            out.add(HashedUri.from(e).orElseThrow(
                    () -> new ClaimException("claim.malformed", "assertion reference is not a hashed URI")));
        }
        return out;
    }
}
