package io.credmark.provenance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;

/**
 * The provenance of one generated image: who made the model, which model, how the image was generated, where
 * the model comes from and under which terms it may be used.
 *
 * <p>{@code creator} and {@code model} are required; the other sections are never {@code null} and equal their
 * {@code EMPTY} constant when absent. Build one from untrusted input with {@link ProvenanceParser}: the record
 * constructors check structure and numeric ranges, while string lengths, URLs and the bounds of
 * {@code generation.extra} are checked by the parser.
 */
public record ProvenanceDocument(Creator creator, Model model, Generation generation, Lineage lineage,
        Usage usage) {

    public ProvenanceDocument {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(model, "model");
        generation = generation == null ? Generation.EMPTY : generation;
        lineage = lineage == null ? Lineage.EMPTY : lineage;
        usage = usage == null ? Usage.EMPTY : usage;
    }

    public ProvenanceDocument(Creator creator, Model model) {
        this(creator, model, null, null, null);
    }

    /**
     * The canonical JSON form: members in schema order, absent fields and empty sections omitted, hashes as
     * {@code {"alg", "value"}} objects, adapter kinds in lower case. {@link ProvenanceParser#parse(JsonNode)}
     * reads it back to an equal document. A fresh tree on every call.
     */
    public ObjectNode toJson() {
        return CanonicalJson.write(this);
    }

    /** The present fields, path to canonical value, in schema order; see {@link ProvenanceSchema#fields}. */
    public Map<String, JsonNode> fields() {
        return ProvenanceSchema.fields(this);
    }

    /**
     * The document made of the given fields only (e.g. those disclosed); the inverse of {@link #fields()}.
     *
     * @throws ProvenanceException if a path is not a declared field, a value is invalid, or an identity field
     *                             ({@code creator.handle}, {@code model.name}) is missing
     */
    public static ProvenanceDocument fromFields(Map<String, ? extends JsonNode> fields) {
        return ProvenanceParser.parse(ProvenanceSchema.assemble(fields));
    }
}
