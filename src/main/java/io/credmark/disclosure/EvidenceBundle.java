package io.credmark.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.InvalidInputException;
import io.credmark.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a creator keeps to prove hidden values later, offline: the credential (its manifest label, and id and URL
 * when the service issued it), the disclosures the creator chooses to reveal and, from version 2, what the
 * manifest's signatures carry (time-stamp, signer and identity chains) as its own document, {@code signature}.
 * Version 1 bundles, which have no {@code signature}, stay readable.
 */
public record EvidenceBundle(String manifest, Optional<String> credentialId, Optional<String> credentialUrl,
        List<String> disclosures, Optional<ObjectNode> signature) {

    public static final String FORMAT = "credmark-evidence/2";
    /** The first version: disclosures only. */
    public static final String FORMAT_1 = "credmark-evidence/1";
    private static final ObjectMapper JSON = Json.mapper();

    public EvidenceBundle {
        disclosures = List.copyOf(disclosures);
        signature = signature.map(ObjectNode::deepCopy);
    }

    /** A bundle of disclosures only. */
    public EvidenceBundle(String manifest, Optional<String> credentialId, Optional<String> credentialUrl,
            List<String> disclosures) {
        this(manifest, credentialId, credentialUrl, disclosures, Optional.empty());
    }

    public ObjectNode toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        ObjectNode credential = n.putObject("credential");
        credential.put("manifest", manifest);
        credentialId.ifPresent(id -> credential.put("id", id));
        credentialUrl.ifPresent(u -> credential.put("url", u));
        ArrayNode list = n.putArray("disclosures");
        disclosures.forEach(list::add);
        signature.ifPresent(s -> n.set("signature", s.deepCopy()));
        return n;
    }

    public static EvidenceBundle parse(byte[] json) {
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (IOException e) {
            throw invalid("", "the evidence bundle is not JSON");
        }
        if (n == null || !n.isObject()
                || !(FORMAT.equals(n.path("format").asText()) || FORMAT_1.equals(n.path("format").asText()))) {
            throw invalid("format", "expected \"" + FORMAT + "\" (or \"" + FORMAT_1 + "\")");
        }
        JsonNode signature = n.get("signature");
        if (signature != null && !signature.isObject()) {
            throw invalid("signature", "expected an object");
        }
        JsonNode credential = n.path("credential");
        if (!credential.path("manifest").isTextual()) {
            throw invalid("credential.manifest", "expected the manifest label");
        }
        JsonNode list = n.path("disclosures");
        if (!list.isArray()) {
            throw invalid("disclosures", "expected an array of disclosure strings");
        }
        List<String> disclosures = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isTextual()) {
                throw invalid("disclosures[" + i + "]", "expected a string");
            }
            disclosures.add(list.get(i).textValue());
        }
        return new EvidenceBundle(credential.get("manifest").textValue(),
                Optional.ofNullable(credential.path("id").asText(null)),
                Optional.ofNullable(credential.path("url").asText(null)), disclosures,
                Optional.ofNullable((ObjectNode) signature));
    }

    private static InvalidInputException invalid(String path, String problem) {
        return InvalidInputException.invalidDocument(path, problem);
    }
}
