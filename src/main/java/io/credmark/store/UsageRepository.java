package io.credmark.store;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code usage_counts} table: per credential, UTC day, event and detail, a count that nodes add to. Figures are
 * rolled up per model and creator by joining the credentials they belong to.
 */
public final class UsageRepository {

    /** One cell of the table, as a node adds to it. */
    public record Increment(LocalDate day, long credentialId, String event, String detail) {
    }

    /** A summed figure: on a day (or the first day of a week), of a model, for an event and detail. */
    public record Figure(LocalDate day, String model, String event, String detail, long count) {
    }

    private final Database db;

    public UsageRepository(Database db) {
        this.db = db;
    }

    /**
     * Adds the counts in one transaction. On PostgreSQL each row is one {@code INSERT … ON CONFLICT DO UPDATE}, atomic
     * against other nodes adding to the same row; an H2 file has one node, whose single flusher updates, else inserts.
     * Counts for credentials that do not exist are dropped.
     */
    public void add(Map<Increment, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        db.transaction(c -> {
            if (db.isPostgres()) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO usage_counts (usage_day, credential_id, event,"
                        + " detail, n) SELECT ?, id, ?, ?, ? FROM credentials WHERE id = ?"
                        + " ON CONFLICT (usage_day, credential_id, event, detail) DO UPDATE SET n = usage_counts.n + EXCLUDED.n")) {
                    for (Map.Entry<Increment, Long> e : counts.entrySet()) {
                        bind(s, e.getKey(), e.getValue());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
                return null;
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE usage_counts SET n = n + ? WHERE usage_day = ?"
                    + " AND credential_id = ? AND event = ? AND detail = ?");
                    PreparedStatement insert = c.prepareStatement("INSERT INTO usage_counts (usage_day, credential_id,"
                            + " event, detail, n) SELECT ?, id, ?, ?, ? FROM credentials WHERE id = ?")) {
                for (Map.Entry<Increment, Long> e : counts.entrySet()) {
                    Increment k = e.getKey();
                    update.setLong(1, e.getValue());
                    update.setDate(2, Date.valueOf(k.day()));
                    update.setLong(3, k.credentialId());
                    update.setString(4, k.event());
                    update.setString(5, k.detail());
                    if (update.executeUpdate() == 0) {
                        bind(insert, k, e.getValue());
                        insert.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    private static void bind(PreparedStatement s, Increment k, long n) throws java.sql.SQLException {
        s.setDate(1, Date.valueOf(k.day()));
        s.setString(2, k.event());
        s.setString(3, k.detail());
        s.setLong(4, n);
        s.setLong(5, k.credentialId());
    }

    /**
     * The creator's figures per day from {@code from} to {@code to} (inclusive), per model: the registered model's id
     * for credentials stamped from the registry, else the model name the provenance gave.
     *
     * @param model only this model, if given
     */
    public List<Figure> byCreator(String handle, LocalDate from, LocalDate to, Optional<String> model) {
        return figures("c.creator_handle = ?", handle, from, to, model);
    }

    /** The figures of one registered model's credentials per day. */
    public List<Figure> byModel(String modelId, LocalDate from, LocalDate to) {
        return figures("cm.model_id = ?", modelId, from, to, Optional.empty());
    }

    private List<Figure> figures(String where, String value, LocalDate from, LocalDate to, Optional<String> model) {
        String modelColumn = "COALESCE(cm.model_id, c.model_name)";
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT u.usage_day, " + modelColumn + ", u.event, u.detail,"
                    + " SUM(u.n) FROM usage_counts u JOIN credentials c ON c.id = u.credential_id"
                    + " LEFT JOIN credential_models cm ON cm.credential_id = c.id WHERE " + where
                    + " AND u.usage_day >= ? AND u.usage_day <= ?" + (model.isPresent() ? " AND " + modelColumn + " = ?" : "")
                    + " GROUP BY u.usage_day, " + modelColumn + ", u.event, u.detail ORDER BY u.usage_day, 2, u.event, u.detail")) {
                s.setString(1, value);
                s.setDate(2, Date.valueOf(from));
                s.setDate(3, Date.valueOf(to));
                if (model.isPresent()) {
                    s.setString(4, model.get());
                }
                List<Figure> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Figure(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getLong(5)));
                    }
                }
                return out;
            }
        });
    }

    /** Deletes the days before {@code firstKept}. @return rows deleted */
    public int deleteBefore(LocalDate firstKept) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM usage_counts WHERE usage_day < ?")) {
                s.setDate(1, Date.valueOf(firstKept));
                return s.executeUpdate();
            }
        });
    }

    /** {@code public} or {@code private} (the default) for a registered model's totals. */
    public String visibility(String modelId) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT visibility FROM model_usage_visibility WHERE model_id = ?")) {
                s.setString(1, modelId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "private";
                }
            }
        });
    }

    public void setVisibility(String modelId, String visibility, java.time.Instant when) {
        db.transaction(c -> {
            try (PreparedStatement u = c.prepareStatement(
                    "UPDATE model_usage_visibility SET visibility = ?, updated_at = ? WHERE model_id = ?")) {
                u.setString(1, visibility);
                u.setObject(2, Timestamps.toDatabase(when));
                u.setString(3, modelId);
                if (u.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement i = c.prepareStatement(
                    "INSERT INTO model_usage_visibility (model_id, visibility, updated_at) VALUES (?, ?, ?)")) {
                i.setString(1, modelId);
                i.setString(2, visibility);
                i.setObject(3, Timestamps.toDatabase(when));
                i.executeUpdate();
            }
            return null;
        });
    }
}
