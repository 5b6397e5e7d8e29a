package io.credmark.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code models} and {@code model_lineage} tables. Writes go through {@link #write}, which holds the registry
 * lock for its transaction, so that checks made inside it (the lineage stays acyclic, referenced models exist) hold
 * against every other node's writes too.
 */
public final class ModelRepository {

    private static final String COLUMNS = "id, creator_handle, name, record, revision, created_at, updated_at";
    private static final String EDGE_COLUMNS = "model_id, upstream_id, kind, position, weight";
    private static final String TIME_STAMP_COLUMNS = "model_id, revision, statement, token, time_stamped_at";

    private final Database db;

    public ModelRepository(Database db) {
        this.db = db;
    }

    /** Work on the registry inside one locked transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Writer writer);
    }

    /** Reads and writes inside the registry's write transaction. */
    public static final class Writer {

        private final Connection c;

        private Writer(Connection c) {
            this.c = c;
        }

        public Optional<ModelRecord> find(String id) {
            return unchecked(() -> findOn(c, id));
        }

        /** The edges from {@code id} to the models it was made from, as now recorded. */
        public List<LineageEdge> upstreamOf(String id) {
            return unchecked(() -> edges(c, "model_id", id));
        }

        public void insert(ModelRecord m, List<LineageEdge> edges) {
            unchecked(() -> {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO models (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, m.id());
                    s.setString(2, m.creatorHandle());
                    s.setString(3, m.name());
                    s.setString(4, m.recordJson());
                    s.setInt(5, m.revision());
                    s.setObject(6, Timestamps.toDatabase(m.createdAt()));
                    s.setObject(7, Timestamps.toDatabase(m.updatedAt()));
                    s.executeUpdate();
                }
                insertEdges(edges);
                return null;
            });
        }

        /** Replaces the model's record and its edges. */
        public void update(ModelRecord m, List<LineageEdge> edges) {
            unchecked(() -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE models SET name = ?, record = ?, revision = ?,"
                        + " updated_at = ? WHERE id = ?")) {
                    s.setString(1, m.name());
                    s.setString(2, m.recordJson());
                    s.setInt(3, m.revision());
                    s.setObject(4, Timestamps.toDatabase(m.updatedAt()));
                    s.setString(5, m.id());
                    if (s.executeUpdate() != 1) {
                        throw new SQLException("no model " + m.id() + " to update");
                    }
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM model_lineage WHERE model_id = ?")) {
                    s.setString(1, m.id());
                    s.executeUpdate();
                }
                insertEdges(edges);
                return null;
            });
        }

        /** Records a revision's time-stamped statement, in the same transaction as the revision. */
        public void insertTimeStamp(ModelTimeStampRecord t) {
            unchecked(() -> {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO model_time_stamps (" + TIME_STAMP_COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                    s.setString(1, t.modelId());
                    s.setInt(2, t.revision());
                    s.setString(3, t.statement());
                    s.setBytes(4, t.token().orElse(null));
                    s.setObject(5, t.timeStampedAt().map(Timestamps::toDatabase).orElse(null));
                    s.executeUpdate();
                }
                return null;
            });
        }

        /**
         * Records a token taken after its revision was written (a model registered before registrations were
         * time-stamped, or while the authority could not be reached): fills in the missing token of that revision's
         * statement, or adds the statement when the revision has none. A revision that has a token keeps it.
         */
        public void fillTimeStamp(ModelTimeStampRecord t) {
            unchecked(() -> {
                try (PreparedStatement s = c.prepareStatement("UPDATE model_time_stamps SET token = ?,"
                        + " time_stamped_at = ? WHERE model_id = ? AND revision = ? AND token IS NULL")) {
                    s.setBytes(1, t.token().orElse(null));
                    s.setObject(2, t.timeStampedAt().map(Timestamps::toDatabase).orElse(null));
                    s.setString(3, t.modelId());
                    s.setInt(4, t.revision());
                    if (s.executeUpdate() == 1) {
                        return null;
                    }
                }
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT 1 FROM model_time_stamps WHERE model_id = ? AND revision = ?")) {
                    s.setString(1, t.modelId());
                    s.setInt(2, t.revision());
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            return null;
                        }
                    }
                }
                insertTimeStamp(t);
                return null;
            });
        }

        private void insertEdges(List<LineageEdge> edges) throws SQLException {
            if (edges.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO model_lineage (" + EDGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                for (LineageEdge e : edges) {
                    s.setString(1, e.modelId());
                    s.setString(2, e.upstreamId());
                    s.setString(3, e.kind());
                    s.setInt(4, e.position());
                    if (e.weight() == null) {
                        s.setNull(5, Types.DOUBLE);
                    } else {
                        s.setDouble(5, e.weight());
                    }
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    /**
     * Runs {@code work} in one transaction holding the registry lock: committed when it returns, rolled back when
     * it throws.
     */
    public <T> T write(Work<T> work) {
        return db.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM registry_lock WHERE id = 1 FOR UPDATE");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
            }
            try {
                return work.run(new Writer(c));
            } catch (WrappedSql e) {
                throw e.cause;
            }
        });
    }

    public Optional<ModelRecord> find(String id) {
        return db.run(c -> findOn(c, id));
    }

    /** The creator's models, by id. */
    public List<ModelRecord> listByCreator(String handle) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM models WHERE creator_handle = ? ORDER BY id")) {
                s.setString(1, handle);
                try (ResultSet rs = s.executeQuery()) {
                    List<ModelRecord> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                    return out;
                }
            }
        });
    }

    /** Edges from {@code id} to what it was made from. */
    public List<LineageEdge> upstreamOf(String id) {
        return db.run(c -> edges(c, "model_id", id));
    }

    /** Edges from the models made from {@code id} to it: who uses it. */
    public List<LineageEdge> downstreamOf(String id) {
        return db.run(c -> edges(c, "upstream_id", id));
    }

    /** The model's time-stamped revisions, oldest first. */
    public List<ModelTimeStampRecord> timeStamps(String modelId) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + TIME_STAMP_COLUMNS
                    + " FROM model_time_stamps WHERE model_id = ? ORDER BY revision")) {
                s.setString(1, modelId);
                try (ResultSet rs = s.executeQuery()) {
                    List<ModelTimeStampRecord> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new ModelTimeStampRecord(rs.getString(1), rs.getInt(2), rs.getString(3),
                                Optional.ofNullable(rs.getBytes(4)),
                                Optional.ofNullable(Timestamps.fromDatabase(rs, 5))));
                    }
                    return out;
                }
            }
        });
    }

    private static Optional<ModelRecord> findOn(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM models WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static List<LineageEdge> edges(Connection c, String column, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + EDGE_COLUMNS + " FROM model_lineage WHERE "
                + column + " = ? ORDER BY model_id, kind, position")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                List<LineageEdge> out = new ArrayList<>();
                while (rs.next()) {
                    double w = rs.getDouble(5);
                    out.add(new LineageEdge(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.wasNull() ? null : w));
                }
                return out;
            }
        }
    }

    private static ModelRecord read(ResultSet rs) throws SQLException {
        return new ModelRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
                Timestamps.fromDatabase(rs, 6), Timestamps.fromDatabase(rs, 7));
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Carries an SQLException out of {@link Work}, whose methods do not declare it, to the transaction. */
    private static final class WrappedSql extends RuntimeException {
        private final SQLException cause;

        WrappedSql(SQLException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    private static <T> T unchecked(SqlWork<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new WrappedSql(e);
        }
    }
}
