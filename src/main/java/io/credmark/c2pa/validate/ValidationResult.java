package io.credmark.c2pa.validate;

import java.util.List;

/**
 * The verdict on a manifest store: the state of its active manifest, the statuses that led to it, and what the
 * manifest says.
 */
public record ValidationResult(ValidationState state, String activeManifest, ManifestSummary manifest,
        List<StatusEntry> statuses) {

    public ValidationResult {
        statuses = List.copyOf(statuses);
    }

    public List<StatusEntry> of(StatusEntry.Kind kind) {
        return statuses.stream().filter(s -> s.kind() == kind).toList();
    }

    public List<String> failureCodes() {
        return of(StatusEntry.Kind.FAILURE).stream().map(StatusEntry::code).toList();
    }
}
