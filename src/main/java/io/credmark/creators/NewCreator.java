package io.credmark.creators;

/**
 * A creator just registered, or given a new token. {@link #token()} is the only time the token exists outside its
 * holder: it is shown once and only its hash is stored.
 */
public record NewCreator(CreatorAccount creator, String token) {

    @Override
    public String toString() {
        return "NewCreator[" + creator.handle() + "]";
    }
}
