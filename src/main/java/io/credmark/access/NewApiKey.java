package io.credmark.access;

/**
 * A key just created. {@link #secret()} is the only time the key exists outside its holder: it is shown once and
 * only its hash is stored.
 */
public record NewApiKey(ApiKey key, String secret) {

    @Override
    public String toString() {
        return "NewApiKey[" + key.name() + "]";
    }
}
