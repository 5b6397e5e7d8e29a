package io.credmark.usage;

import java.time.Instant;
import java.util.Optional;

/** What a creator says about themselves on their public page. */
public record CreatorProfile(String handle, Optional<String> displayName, Optional<String> link,
        Optional<String> bio, Optional<Instant> updatedAt) {

    static CreatorProfile empty(String handle) {
        return new CreatorProfile(handle, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
