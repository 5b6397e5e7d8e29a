package io.credmark.provenance;

/** The JSON shape of a field's value, so that callers can display or edit it without knowing the schema. */
public enum FieldType {
    /** A string. */
    TEXT,
    /** An absolute http or https URL, as a string. */
    URL,
    /** An integer (a seed may exceed 64-bit signed range). */
    INTEGER,
    /** A finite number. */
    NUMBER,
    /** A {@link ModelHash} in its canonical {@code {"alg", "value"}} form. */
    HASH,
    /** A whole array, disclosed as one field. */
    LIST,
    /** A free JSON object ({@code generation.extra}), disclosed as one field. */
    OBJECT
}
