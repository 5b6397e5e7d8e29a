package io.credmark.c2pa.validate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects the statuses of one manifest's validation, in the order the checks ran. */
final class StatusLog {

    private final List<StatusEntry> entries = new ArrayList<>();

    public void add(String code, String url, String explanation) {
        entries.add(new StatusEntry(code, url, explanation));
    }

    public List<StatusEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    public List<StatusEntry> of(StatusEntry.Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind).toList();
    }

    public boolean has(String code) {
        return entries.stream().anyMatch(e -> e.code().equals(code));
    }

    /** Spec 2.2 §15.3: Valid needs a validated signature and no untolerated failure; Trusted needs no failure. */
    public ValidationState state() {
        return state(List.of());
    }

    /** The state, counting also the failures found in ingredients (their deltas), as c2pa-rs does. */
    public ValidationState state(List<StatusEntry> ingredientFailures) {
        List<StatusEntry> failures = new ArrayList<>(of(StatusEntry.Kind.FAILURE));
        failures.addAll(ingredientFailures);
        boolean signed = has(StatusCode.CLAIM_SIGNATURE_VALIDATED);
        if (!signed || failures.stream().anyMatch(f -> !StatusCode.isToleratedFailure(f.code()))) {
            return ValidationState.INVALID;
        }
        return failures.isEmpty() && has(StatusCode.SIGNING_CREDENTIAL_TRUSTED)
                ? ValidationState.TRUSTED : ValidationState.VALID;
    }
}
