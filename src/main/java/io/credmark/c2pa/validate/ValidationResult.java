package io.credmark.c2pa.validate;

import java.util.List;

/**
 * The verdict on a manifest store: the state of its active manifest, the statuses that led to it, and what the
 * manifest says.
 *
 * @param ingredientFailures failures found by validating ingredient manifests again that their creators had not
 *                           recorded; they count toward the state
 */
public record ValidationResult(ValidationState state, String activeManifest, ManifestSummary manifest,
        List<StatusEntry> statuses, List<StatusEntry> ingredientFailures) {

    public ValidationResult {
        statuses = List.copyOf(statuses);
        ingredientFailures = List.copyOf(ingredientFailures);
    }

    public List<StatusEntry> of(StatusEntry.Kind kind) {
        return statuses.stream().filter(s -> s.kind() == kind).toList();
    }

    /** The failure codes of the active manifest and of its ingredients' deltas, each once. */
    public List<String> failureCodes() {
        java.util.LinkedHashSet<String> codes = new java.util.LinkedHashSet<>();
        of(StatusEntry.Kind.FAILURE).forEach(s -> codes.add(s.code()));
        ingredientFailures.forEach(s -> codes.add(s.code()));
        return List.copyOf(codes);
    }
}
