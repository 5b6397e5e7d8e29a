package io.credmark.creators;

import java.util.Optional;

/**
 * Who is looking at a credential, a model or a verification: anyone (anonymous callers and front ends with API
 * keys alike), or a creator who sent their token.
 */
public record Viewer(Optional<CreatorAccount> creator) {

    public static final Viewer ANYONE = new Viewer(Optional.empty());

    public static Viewer creator(CreatorAccount account) {
        return new Viewer(Optional.of(account));
    }

    /** Whether this viewer is the creator with {@code handle}, who sees every field of what is theirs. */
    public boolean isCreator(String handle) {
        return creator.map(c -> c.handle().equals(handle)).orElse(false);
    }
}
