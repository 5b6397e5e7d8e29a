package io.credmark.store;

import java.time.Instant;

/** A row of {@code webhook_outbox}: one delivery to a creator's webhook, until it is delivered. */
public record OutboxRecord(String eventId, String creatorHandle, String kind, String body, int attempts,
        Instant nextAttemptAt) {
}
