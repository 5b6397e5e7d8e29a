package io.credmark.usage;

import io.credmark.InvalidInputException;
import io.credmark.creators.CreatorAccount;
import io.credmark.store.Timestamps;
import io.credmark.store.WebhookRepository;
import io.credmark.store.WebhookRepository.WebhookRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Creators' webhooks: where their reports and daily digests are sent. */
public final class Webhooks {

    public static final int MIN_SECRET = 16;
    public static final int MAX_SECRET = 200;

    /** A webhook as its creator sees it: never the secret. */
    public record View(String url, Instant updatedAt, int pending) {
    }

    private final WebhookRepository store;
    private final WebhookTarget target;
    private final Clock clock;

    public Webhooks(WebhookRepository store, WebhookTarget target, Clock clock) {
        this.store = store;
        this.target = target;
        this.clock = clock;
    }

    /** Sets or replaces the creator's webhook. */
    public View put(CreatorAccount creator, String url, String secret) {
        target.check(url);
        if (secret == null || secret.length() < MIN_SECRET || secret.length() > MAX_SECRET
                || secret.chars().anyMatch(Character::isISOControl)) {
            throw InvalidInputException.invalidDocument("secret", "required, "
                    + MIN_SECRET + " to " + MAX_SECRET + " characters");
        }
        store.put(new WebhookRecord(creator.handle(), url, secret, Timestamps.storable(clock.instant())));
        return view(creator).orElseThrow();
    }

    public Optional<View> view(CreatorAccount creator) {
        return store.find(creator.handle()).map(w -> new View(w.url(), w.updatedAt(), store.pending(creator.handle())));
    }

    public boolean remove(CreatorAccount creator) {
        return store.delete(creator.handle());
    }
}
