package io.credmark.c2pa;

/**
 * A manifest store that cannot be loaded at all (c2pa-rs stops with an error rather than reporting statuses):
 * malformed JUMBF, a claim that is missing, not CBOR, or has no hash algorithm. The code names the closest status.
 */
public final class ManifestUnreadableException extends C2paException {

    private final String code;

    public ManifestUnreadableException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
