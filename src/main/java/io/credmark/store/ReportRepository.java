package io.credmark.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code misuse_reports} table. */
public final class ReportRepository {

    private static final String COLUMNS = "id, credential_id, creator_handle, category, message, contact, status,"
            + " note, created_at, updated_at";

    private final Database db;

    public ReportRepository(Database db) {
        this.db = db;
    }

    /**
     * Inserts the report and, in the same transaction, its delivery to the creator's webhook if there is one, so
     * that a committed report is never without its delivery.
     *
     * @param delivery the outbox row, whose body is made from the report
     */
    public void insert(ReportRecord r, Optional<OutboxRecord> delivery) {
        db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO misuse_reports (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, r.id());
                s.setLong(2, r.credentialId());
                s.setString(3, r.creatorHandle());
                s.setString(4, r.category());
                s.setString(5, r.message());
                s.setString(6, r.contact().orElse(null));
                s.setString(7, r.status());
                s.setString(8, r.note().orElse(null));
                s.setObject(9, Timestamps.toDatabase(r.createdAt()));
                s.setObject(10, Timestamps.toDatabase(r.updatedAt()));
                s.executeUpdate();
            }
            if (delivery.isPresent()) {
                WebhookRepository.enqueue(c, delivery.get());
            }
            return null;
        });
    }

    public Optional<ReportRecord> find(String id) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM misuse_reports WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The creator's reports, newest first, of one status if given; at most {@code limit}. */
    public List<ReportRecord> byCreator(String handle, Optional<String> status, int limit) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM misuse_reports WHERE"
                    + " creator_handle = ?" + (status.isPresent() ? " AND status = ?" : "")
                    + " ORDER BY created_at DESC, id LIMIT " + limit)) {
                s.setString(1, handle);
                if (status.isPresent()) {
                    s.setString(2, status.get());
                }
                List<ReportRecord> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    /** @return whether the report exists */
    public boolean update(String id, String status, Optional<String> note, Instant when) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE misuse_reports SET status = ?, note = ?, updated_at = ? WHERE id = ?")) {
                s.setString(1, status);
                s.setString(2, note.orElse(null));
                s.setObject(3, Timestamps.toDatabase(when));
                s.setString(4, id);
                return s.executeUpdate() == 1;
            }
        });
    }

    private static ReportRecord read(ResultSet rs) throws SQLException {
        return new ReportRecord(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                Optional.ofNullable(rs.getString(6)), rs.getString(7), Optional.ofNullable(rs.getString(8)),
                Timestamps.fromDatabase(rs, 9), Timestamps.fromDatabase(rs, 10));
    }
}
