package io.credmark.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code creator_webhooks} table and the durable {@code webhook_outbox} of deliveries to them. */
public final class WebhookRepository {

    /** A creator's webhook. */
    public record WebhookRecord(String handle, String url, String secret, Instant updatedAt) {
    }

    /** What became of one attempt at a delivery. */
    public sealed interface Outcome {
        /** The receiver took it. */
        record Delivered(Instant at) implements Outcome {
        }

        /** To be tried again at {@code next}. */
        record Retry(Instant next, String error) implements Outcome {
        }
    }

    /** Sends one claimed delivery to the webhook it is for (empty when the creator has none now). */
    @FunctionalInterface
    public interface Sender {
        Outcome send(OutboxRecord delivery, Optional<WebhookRecord> webhook);
    }

    private final Database db;

    public WebhookRepository(Database db) {
        this.db = db;
    }

    public void put(WebhookRecord w) {
        db.transaction(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM creator_webhooks WHERE handle = ?")) {
                d.setString(1, w.handle());
                d.executeUpdate();
            }
            try (PreparedStatement i = c.prepareStatement(
                    "INSERT INTO creator_webhooks (handle, url, secret, updated_at) VALUES (?, ?, ?, ?)")) {
                i.setString(1, w.handle());
                i.setString(2, w.url());
                i.setString(3, w.secret());
                i.setObject(4, Timestamps.toDatabase(w.updatedAt()));
                i.executeUpdate();
            }
            return null;
        });
    }

    public boolean delete(String handle) {
        return db.run(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM creator_webhooks WHERE handle = ?")) {
                d.setString(1, handle);
                return d.executeUpdate() == 1;
            }
        });
    }

    public Optional<WebhookRecord> find(String handle) {
        return db.run(c -> find(c, handle));
    }

    /** Every creator with a webhook. */
    public List<String> handles() {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT handle FROM creator_webhooks ORDER BY handle")) {
                List<String> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Queues a delivery unless one with its event id is queued already (a digest several nodes prepare).
     *
     * @return whether it was queued now
     */
    public boolean enqueueOnce(OutboxRecord delivery) {
        try {
            db.run(c -> {
                enqueue(c, delivery);
                return null;
            });
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    static void enqueue(Connection c, OutboxRecord d) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_outbox (event_id, creator_handle, kind, body,"
                + " attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, d.eventId());
            s.setString(2, d.creatorHandle());
            s.setString(3, d.kind());
            s.setString(4, d.body());
            s.setInt(5, d.attempts());
            s.setObject(6, Timestamps.toDatabase(d.nextAttemptAt()));
            s.setObject(7, Timestamps.toDatabase(d.nextAttemptAt()));
            s.executeUpdate();
        }
    }

    /**
     * Claims the next delivery due at {@code now}, sends it and records the outcome, in one transaction. On
     * PostgreSQL the claim is {@code FOR UPDATE SKIP LOCKED}: a row another node is sending is passed over, and a row
     * is marked delivered before its lock is released, so no two nodes send it. An H2 file is one node's, whose single
     * delivery thread is alone. If the node dies while sending, the transaction rolls back and the row is due again.
     *
     * @return whether there was one
     */
    public boolean deliverNext(Instant now, Sender sender) {
        return db.transaction(c -> {
            OutboxRecord d;
            try (PreparedStatement s = c.prepareStatement("SELECT event_id, creator_handle, kind, body, attempts,"
                    + " next_attempt_at FROM webhook_outbox WHERE delivered_at IS NULL AND next_attempt_at <= ?"
                    + " ORDER BY next_attempt_at, event_id LIMIT 1"
                    + (db.isPostgres() ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE"))) {
                s.setObject(1, Timestamps.toDatabase(now));
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    d = new OutboxRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getInt(5), Timestamps.fromDatabase(rs, 6));
                }
            }
            Outcome outcome = sender.send(d, find(c, d.creatorHandle()));
            if (outcome instanceof Outcome.Delivered del) {
                try (PreparedStatement u = c.prepareStatement("UPDATE webhook_outbox SET delivered_at = ?,"
                        + " attempts = attempts + 1, last_error = NULL WHERE event_id = ?")) {
                    u.setObject(1, Timestamps.toDatabase(del.at()));
                    u.setString(2, d.eventId());
                    u.executeUpdate();
                }
            } else {
                Outcome.Retry r = (Outcome.Retry) outcome;
                try (PreparedStatement u = c.prepareStatement("UPDATE webhook_outbox SET next_attempt_at = ?,"
                        + " attempts = attempts + 1, last_error = ? WHERE event_id = ?")) {
                    u.setObject(1, Timestamps.toDatabase(r.next()));
                    u.setString(2, r.error().length() > 500 ? r.error().substring(0, 500) : r.error());
                    u.setString(3, d.eventId());
                    u.executeUpdate();
                }
            }
            return true;
        });
    }

    /** Deliveries of the creator not yet made: for the dashboard. */
    public int pending(String handle) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM webhook_outbox WHERE creator_handle = ?"
                    + " AND delivered_at IS NULL")) {
                s.setString(1, handle);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Deletes delivered rows older than {@code before}. */
    public int deleteDeliveredBefore(Instant before) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "DELETE FROM webhook_outbox WHERE delivered_at IS NOT NULL AND delivered_at < ?")) {
                s.setObject(1, Timestamps.toDatabase(before));
                return s.executeUpdate();
            }
        });
    }

    private static Optional<WebhookRecord> find(Connection c, String handle) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT handle, url, secret, updated_at FROM creator_webhooks WHERE handle = ?")) {
            s.setString(1, handle);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new WebhookRecord(rs.getString(1), rs.getString(2), rs.getString(3),
                        Timestamps.fromDatabase(rs, 4))) : Optional.empty();
            }
        }
    }
}
