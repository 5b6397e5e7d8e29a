package io.credmark.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** The {@code notices} table: a creator's statement on a credential, or on every credential of a model. */
public final class NoticeRepository {

    /** A notice as stored. @param scope {@code credential} or {@code model} */
    public record NoticeRecord(String scope, String target, String creatorHandle, String text, Instant updatedAt) {
    }

    private final Database db;

    public NoticeRepository(Database db) {
        this.db = db;
    }

    /** Sets or replaces the notice. */
    public void put(NoticeRecord n) {
        db.transaction(c -> {
            try (PreparedStatement u = c.prepareStatement("UPDATE notices SET creator_handle = ?, notice_text = ?,"
                    + " updated_at = ? WHERE scope = ? AND target = ?")) {
                u.setString(1, n.creatorHandle());
                u.setString(2, n.text());
                u.setObject(3, Timestamps.toDatabase(n.updatedAt()));
                u.setString(4, n.scope());
                u.setString(5, n.target());
                if (u.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement i = c.prepareStatement("INSERT INTO notices (scope, target, creator_handle, notice_text,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?)")) {
                i.setString(1, n.scope());
                i.setString(2, n.target());
                i.setString(3, n.creatorHandle());
                i.setString(4, n.text());
                i.setObject(5, Timestamps.toDatabase(n.updatedAt()));
                i.executeUpdate();
            }
            return null;
        });
    }

    /** @return whether there was one */
    public boolean delete(String scope, String target) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM notices WHERE scope = ? AND target = ?")) {
                s.setString(1, scope);
                s.setString(2, target);
                return s.executeUpdate() == 1;
            }
        });
    }

    public Optional<NoticeRecord> find(String scope, String target) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT scope, target, creator_handle, notice_text, updated_at"
                    + " FROM notices WHERE scope = ? AND target = ?")) {
                s.setString(1, scope);
                s.setString(2, target);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new NoticeRecord(rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), Timestamps.fromDatabase(rs, 5))) : Optional.empty();
                }
            }
        });
    }

    /**
     * The notice shown with a credential, in one query: its own (scope {@code credential}, target its id's text),
     * else that of the registered model it was stamped from.
     */
    public Optional<NoticeRecord> forCredential(long credentialId, String credentialText) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT scope, target, creator_handle, notice_text,"
                    + " updated_at FROM notices WHERE (scope = 'credential' AND target = ?) OR (scope = 'model' AND"
                    + " target IN (SELECT model_id FROM credential_models WHERE credential_id = ?))"
                    + " ORDER BY scope")) {
                s.setString(1, credentialText);
                s.setLong(2, credentialId);
                try (ResultSet rs = s.executeQuery()) {
                    // 'credential' sorts before 'model'
                    return rs.next() ? Optional.of(new NoticeRecord(rs.getString(1), rs.getString(2),
                            rs.getString(3), rs.getString(4), Timestamps.fromDatabase(rs, 5))) : Optional.empty();
                }
            }
        });
    }

    /** The creator's notices, newest first. */
    public java.util.List<NoticeRecord> byCreator(String handle) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT scope, target, creator_handle, notice_text, updated_at"
                    + " FROM notices WHERE creator_handle = ? ORDER BY updated_at DESC")) {
                s.setString(1, handle);
                java.util.List<NoticeRecord> out = new java.util.ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new NoticeRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Timestamps.fromDatabase(rs, 5)));
                    }
                }
                return out;
            }
        });
    }
}
