package io.credmark.c2pa.validate;

import java.util.List;
import java.util.Optional;

/**
 * An ingredient of a manifest and, when it has provenance of its own, that manifest's summary and the statuses of
 * validating it.
 */
public record IngredientSummary(String assertionLabel, String title, String format, String relationship,
        Optional<String> manifestLabel, Optional<ManifestSummary> manifest, List<StatusEntry> statuses) {
}
