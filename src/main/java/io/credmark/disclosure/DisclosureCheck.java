package io.credmark.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.provenance.ProvenanceSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks revealed disclosures against the digests a signed manifest commits to (RFC 9901 §7.1 in spirit): a
 * disclosure is proven only if its digest is among them, it names a declared non-identity field, and the manifest
 * itself validated. Each digest counts once; an edited value, a reused salt or another field's disclosure all
 * change the digest and are reported as unproven.
 */
public final class DisclosureCheck {

    /** A disclosure string offered by some source. */
    public record Presented(String encoded, CheckedDisclosure.Source source) {
    }

    private DisclosureCheck() {
    }

    public static List<CheckedDisclosure> check(List<byte[]> signedDigests, boolean manifestValid,
            List<Presented> presented) {
        Set<String> committed = new HashSet<>();
        signedDigests.forEach(d -> committed.add(java.util.HexFormat.of().formatHex(d)));
        Set<String> used = new HashSet<>();
        List<CheckedDisclosure> out = new ArrayList<>();
        for (Presented p : presented) {
            Optional<Disclosure> parsed = Disclosure.parse(p.encoded());
            if (parsed.isEmpty()) {
                out.add(new CheckedDisclosure(null, null, p.source(), false, "not a disclosure"));
                continue;
            }
            Disclosure d = parsed.get();
            String digest = java.util.HexFormat.of().formatHex(d.digest());
            if (!used.add(digest)) {
                continue; // the same disclosure from two sources: report it once
            }
            String problem = null;
            if (!ProvenanceSchema.isField(d.path()) || ProvenanceSchema.identityPaths().contains(d.path())) {
                problem = "names no disclosable provenance field";
            } else if (!committed.contains(digest)) {
                problem = "does not match any digest the signed manifest commits to";
            } else if (!manifestValid) {
                problem = "the manifest that commits to it does not validate";
            }
            out.add(new CheckedDisclosure(d.path(), d.value(), p.source(), problem == null, problem));
        }
        return out;
    }

    /** The identity fields plus every proven field: the provenance a viewer may rely on. */
    public static ObjectNode provenProvenance(JsonNode identity, List<CheckedDisclosure> checked) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (String path : ProvenanceSchema.identityPaths()) {
            JsonNode v = identity;
            for (String s : path.split("\\.")) {
                v = v.path(s);
            }
            if (!v.isMissingNode()) {
                fields.put(path, v);
            }
        }
        for (CheckedDisclosure c : checked) {
            if (c.proven()) {
                fields.putIfAbsent(c.path(), c.value());
            }
        }
        return ProvenanceSchema.assemble(fields);
    }
}
