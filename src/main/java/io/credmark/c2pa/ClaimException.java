package io.credmark.c2pa;

/** A claim that cannot be used, with the C2PA status code that says why (spec 2.2 §10). */
public final class ClaimException extends C2paException {

    private final String code;

    public ClaimException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
