package io.credmark.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.provenance.Problem;
import io.credmark.provenance.ProvenanceException;
import io.credmark.provenance.ProvenanceSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The level of each provenance field. Fields not named are {@link DisclosureLevel#PUBLIC}; the identity fields
 * ({@code creator.handle}, {@code model.name}) are always public, since a credential means nothing without them.
 *
 * <p>As JSON: {@code {"generation.prompt": "private", "lineage": "protected"}} — a section name sets every field
 * under it, and a more specific path overrides it.
 */
public record DisclosurePolicy(Map<String, DisclosureLevel> levels) {

    public static final DisclosurePolicy ALL_PUBLIC = new DisclosurePolicy(Map.of());

    public DisclosurePolicy {
        levels = Map.copyOf(levels);
    }

    public DisclosureLevel levelOf(String path) {
        if (ProvenanceSchema.identityPaths().contains(path)) {
            return DisclosureLevel.PUBLIC;
        }
        DisclosureLevel exact = levels.get(path);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String key : levels.keySet()) {
            if (path.startsWith(key + ".") && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        return best == null ? DisclosureLevel.PUBLIC : levels.get(best);
    }

    /** Per field, the stricter of the two policies: a request may tighten a creator's policy, never loosen it. */
    public DisclosurePolicy stricterOf(DisclosurePolicy other) {
        Map<String, DisclosureLevel> merged = new LinkedHashMap<>();
        for (String path : ProvenanceSchema.paths()) {
            DisclosureLevel level = levelOf(path).stricter(other.levelOf(path));
            if (level != DisclosureLevel.PUBLIC) {
                merged.put(path, level);
            }
        }
        return new DisclosurePolicy(merged);
    }

    /** Every declared field's level, in schema order. */
    public Map<String, DisclosureLevel> resolved() {
        Map<String, DisclosureLevel> out = new LinkedHashMap<>();
        ProvenanceSchema.paths().forEach(p -> out.put(p, levelOf(p)));
        return out;
    }

    /** @throws ProvenanceException naming each bad path or level */
    public static DisclosurePolicy parse(JsonNode json) {
        List<Problem> problems = new ArrayList<>();
        Map<String, DisclosureLevel> levels = new LinkedHashMap<>();
        if (json == null || !json.isObject()) {
            throw new ProvenanceException(List.of(new Problem("", "a disclosure policy is a JSON object of"
                    + " field path to level (public, protected, private)")));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = e.getKey();
            boolean section = ProvenanceSchema.paths().stream().anyMatch(p -> p.startsWith(path + "."));
            if (!ProvenanceSchema.isField(path) && !section) {
                problems.add(new Problem(path, "not a provenance field or section"));
                continue;
            }
            DisclosureLevel level = e.getValue().isTextual()
                    ? DisclosureLevel.parse(e.getValue().textValue()).orElse(null) : null;
            if (level == null) {
                problems.add(new Problem(path, "expected public, protected or private"));
                continue;
            }
            boolean identity = ProvenanceSchema.identityPaths().stream()
                    .anyMatch(p -> p.equals(path) || p.startsWith(path + "."));
            if (identity && level != DisclosureLevel.PUBLIC && ProvenanceSchema.isField(path)) {
                problems.add(new Problem(path, "identity fields are always public"));
                continue;
            }
            levels.put(path, level);
        }
        if (!problems.isEmpty()) {
            throw new ProvenanceException(problems);
        }
        return new DisclosurePolicy(levels);
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        levels.forEach((p, l) -> n.put(p, l.wireName()));
        return n;
    }
}
