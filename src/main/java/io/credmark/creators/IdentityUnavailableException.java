package io.credmark.creators;

/**
 * A creator granted the stamping front end, but their identity key cannot sign: its key in the PKCS#11 token is
 * missing or cannot be made. The stamp goes on without the creator's identity and says why; the operator's log names
 * the creator and the key's label.
 */
public final class IdentityUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String handle;
    private final String keyLabel;

    public IdentityUnavailableException(String handle, String keyLabel, String reason) {
        super("the identity key of " + handle + " (PKCS#11 label " + keyLabel + ") " + reason, null, false, false);
        this.handle = handle;
        this.keyLabel = keyLabel;
    }

    public String handle() {
        return handle;
    }

    public String keyLabel() {
        return keyLabel;
    }
}
