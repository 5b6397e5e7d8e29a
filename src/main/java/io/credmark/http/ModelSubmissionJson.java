package io.credmark.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.creators.CreatorAccount;
import io.credmark.creators.ModelRegistry;
import io.credmark.creators.ModelSubmission;
import io.credmark.provenance.Problem;
import io.credmark.provenance.ProvenanceException;
import io.credmark.provenance.ProvenanceParser;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The body of {@code POST} and {@code PUT /v1/creators/{handle}/models…}: a model's record ({@code creator} without
 * its handle, {@code model}, {@code lineage}, {@code usage}) and, on creation, {@code slug}.
 */
final class ModelSubmissionJson {

    private static final List<String> MEMBERS = List.of("slug", "creator", "model", "lineage", "usage");

    private ModelSubmissionJson() {
    }

    /**
     * The request body as a submission: a provenance document with the creator's handle from the path, checked by
     * the provenance parser; every problem of the body and of the record in one answer, each with its path.
     *
     * @param slug the slug of the model being replaced; a body's slug must then be the same
     */
    static ModelSubmission parse(CreatorAccount creator, JsonNode body, Optional<String> slug) {
        List<Problem> problems = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new ProvenanceException(List.of(new Problem("", "expected a JSON object: the model's record")));
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!MEMBERS.contains(name)) {
                problems.add(new Problem(name, "unknown field (expected one of: " + String.join(", ", MEMBERS) + ")"));
            }
        }
        if (body.hasNonNull("slug")) {
            JsonNode s = body.get("slug");
            if (!s.isTextual() || !ModelRegistry.SLUG.matcher(s.textValue()).matches()) {
                problems.add(new Problem("slug", "expected 1 to 63 characters a-z, 0-9, '.', '_', '-', starting with a"
                        + " letter or digit"));
            } else if (slug.isPresent() && !slug.get().equals(s.textValue())) {
                problems.add(new Problem("slug", "a model's slug cannot change (it is '" + slug.get() + "')"));
            }
        }
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        ObjectNode creatorNode = document.putObject("creator");
        JsonNode given = body.get("creator");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                problems.add(new Problem("creator", "expected an object: displayName, url"));
            } else {
                creatorNode.setAll(((ObjectNode) given).deepCopy());
                if (given.has("handle") && !creator.handle().equals(given.get("handle").asText())) {
                    problems.add(new Problem("creator.handle", "the handle is the registering creator's, '"
                            + creator.handle() + "'; leave it out"));
                }
            }
        }
        creatorNode.put("handle", creator.handle());
        for (String section : List.of("model", "lineage", "usage")) {
            if (body.has(section)) {
                document.set(section, body.get(section).deepCopy());
            }
        }
        try {
            ProvenanceParser.parse(document);
        } catch (ProvenanceException e) {
            problems.addAll(e.problems()); // every problem of the record, with its path
        }
        if (!problems.isEmpty()) {
            throw new ProvenanceException(problems);
        }
        return new ModelSubmission(body.hasNonNull("slug") ? Optional.of(body.get("slug").textValue())
                : Optional.empty(), document);
    }
}
