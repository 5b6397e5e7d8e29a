package io.credmark.store;

import java.time.Instant;
import java.util.Optional;

/** A row of {@code misuse_reports}. */
public record ReportRecord(String id, long credentialId, String creatorHandle, String category, String message,
        Optional<String> contact, String status, Optional<String> note, Instant createdAt, Instant updatedAt) {
}
