package io.credmark.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** The {@code creator_profiles} table: what a creator says about themselves on their public page. */
public final class CreatorProfileRepository {

    /** A profile; every part optional. */
    public record ProfileRecord(String handle, Optional<String> displayName, Optional<String> link,
            Optional<String> bio, Instant updatedAt) {
    }

    private final Database db;

    public CreatorProfileRepository(Database db) {
        this.db = db;
    }

    public void put(ProfileRecord p) {
        db.transaction(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM creator_profiles WHERE handle = ?")) {
                d.setString(1, p.handle());
                d.executeUpdate();
            }
            try (PreparedStatement i = c.prepareStatement("INSERT INTO creator_profiles (handle, display_name, link,"
                    + " bio, updated_at) VALUES (?, ?, ?, ?, ?)")) {
                i.setString(1, p.handle());
                i.setString(2, p.displayName().orElse(null));
                i.setString(3, p.link().orElse(null));
                i.setString(4, p.bio().orElse(null));
                i.setObject(5, Timestamps.toDatabase(p.updatedAt()));
                i.executeUpdate();
            }
            return null;
        });
    }

    public Optional<ProfileRecord> find(String handle) {
        return db.run(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT handle, display_name, link, bio, updated_at FROM"
                    + " creator_profiles WHERE handle = ?")) {
                s.setString(1, handle);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(new ProfileRecord(rs.getString(1),
                            Optional.ofNullable(rs.getString(2)), Optional.ofNullable(rs.getString(3)),
                            Optional.ofNullable(rs.getString(4)), Timestamps.fromDatabase(rs, 5))) : Optional.empty();
                }
            }
        });
    }
}
