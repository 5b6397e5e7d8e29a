package io.credmark.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.provenance.ProvenanceDocument;
import io.credmark.provenance.ProvenanceSchema;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a stamp commits to: the identity fields in clear, and for every other field present a disclosure whose
 * digest goes into the signed manifest. Decoy digests pad the list to one per declared field, and the list is
 * sorted, so that neither the count nor the order tells which fields a document has (RFC 9901 §4.2.5).
 *
 * @param identity    {@code {"creator":{"handle":…},"model":{"name":…}}}
 * @param disclosures one per non-identity field present, in schema order
 * @param levels      the level each of those fields was stamped with
 * @param digests     the sorted digests, decoys included, as the manifest carries them
 */
public record Commitments(ObjectNode identity, List<Disclosure> disclosures, Map<String, DisclosureLevel> levels,
        List<byte[]> digests) {

    public static final String DIGEST_ALG = "sha-256";

    public static Commitments create(ProvenanceDocument document, DisclosurePolicy policy, SecureRandom random) {
        Map<String, JsonNode> fields = ProvenanceSchema.fields(document);
        Map<String, JsonNode> identityFields = new LinkedHashMap<>();
        List<Disclosure> disclosures = new ArrayList<>();
        Map<String, DisclosureLevel> levels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> f : fields.entrySet()) {
            if (ProvenanceSchema.identityPaths().contains(f.getKey())) {
                identityFields.put(f.getKey(), f.getValue());
            } else {
                disclosures.add(Disclosure.create(f.getKey(), f.getValue(), random));
                levels.put(f.getKey(), policy.levelOf(f.getKey()));
            }
        }
        List<byte[]> digests = new ArrayList<>();
        disclosures.forEach(d -> digests.add(d.digest()));
        int slots = ProvenanceSchema.paths().size() - ProvenanceSchema.identityPaths().size();
        while (digests.size() < slots) {
            byte[] decoy = new byte[32];
            random.nextBytes(decoy);
            digests.add(Disclosure.digestOf(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(decoy)));
        }
        digests.sort(Comparator.comparing((byte[] d) -> d, Arrays::compareUnsigned));
        return new Commitments(ProvenanceSchema.assemble(identityFields), List.copyOf(disclosures),
                java.util.Collections.unmodifiableMap(levels), List.copyOf(digests));
    }

    /** The disclosures that travel in the file: the public ones. */
    public List<Disclosure> embedded() {
        return disclosures.stream().filter(d -> levels.get(d.path()) == DisclosureLevel.PUBLIC).toList();
    }
}
