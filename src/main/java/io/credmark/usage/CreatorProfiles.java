package io.credmark.usage;

import io.credmark.InvalidInputException;
import io.credmark.creators.CreatorAccount;
import io.credmark.store.CreatorProfileRepository;
import io.credmark.store.CreatorProfileRepository.ProfileRecord;
import io.credmark.store.Timestamps;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Optional;

/** Creators' public profiles. */
public final class CreatorProfiles {

    public static final int MAX_DISPLAY_NAME = 100;
    public static final int MAX_LINK = 500;
    public static final int MAX_BIO = 1000;

    private final CreatorProfileRepository store;
    private final Clock clock;

    public CreatorProfiles(CreatorProfileRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public CreatorProfile of(String handle) {
        return store.find(handle).map(r -> new CreatorProfile(r.handle(), r.displayName(), r.link(), r.bio(),
                Optional.of(r.updatedAt()))).orElse(CreatorProfile.empty(handle));
    }

    /**
     * Replaces the profile; absent parts are removed.
     *
     * @throws InvalidInputException when a part is too long, or the link is not an http(s) URL
     */
    public CreatorProfile put(CreatorAccount creator, Optional<String> displayName, Optional<String> link,
            Optional<String> bio) {
        Optional<String> name = bounded("displayName", displayName, MAX_DISPLAY_NAME);
        Optional<String> url = bounded("link", link, MAX_LINK);
        url.ifPresent(CreatorProfiles::checkLink);
        Optional<String> about = bounded("bio", bio, MAX_BIO);
        store.put(new ProfileRecord(creator.handle(), name, url, about, Timestamps.storable(clock.instant())));
        return of(creator.handle());
    }

    private static Optional<String> bounded(String name, Optional<String> value, int max) {
        Optional<String> v = value.map(Texts::clean).filter(s -> !s.isEmpty());
        if (v.isPresent() && v.get().length() > max) {
            throw InvalidInputException.invalidDocument(name, "at most " + max
                    + " characters");
        }
        return v;
    }

    private static void checkLink(String link) {
        try {
            URI u = new URI(link);
            String scheme = u.getScheme();
            if (scheme != null && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))
                    && u.getHost() != null && link.chars().noneMatch(Character::isWhitespace)) {
                return;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw InvalidInputException.invalidDocument("link", "expected an absolute http(s) URL");
    }
}
