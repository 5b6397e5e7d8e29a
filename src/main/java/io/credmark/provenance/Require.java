package io.credmark.provenance;

import java.util.List;

/** The invariants records enforce when built in code; the parser reports the same rules with paths. */
final class Require {

    private Require() {
    }

    static String nonBlank(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required and must not be blank");
        }
        return value;
    }

    /** An immutable copy; {@code null} (absent) becomes the empty list. */
    static <T> List<T> list(List<T> values, String name) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > ProvenanceLimits.MAX_ARRAY_ENTRIES) {
            throw new IllegalArgumentException(
                    name + " has " + values.size() + " entries, at most " + ProvenanceLimits.MAX_ARRAY_ENTRIES);
        }
        return List.copyOf(values);
    }

    static Double finite(Double value, String name) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
        return value;
    }

    static Integer positive(Integer value, String name) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
        return value;
    }
}
