package io.credmark.c2pa.validate;

/**
 * One validation status (spec 2.2 §15.2.2): a code, the JUMBF URI of the box it is about, and a readable
 * explanation.
 */
public record StatusEntry(String code, String url, String explanation) {

    public enum Kind {
        SUCCESS, INFORMATIONAL, FAILURE
    }

    public Kind kind() {
        return StatusCode.kindOf(code);
    }
}
