package io.credmark.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** {@code TIMESTAMP WITH TIME ZONE} values, in UTC and at the microsecond precision PostgreSQL keeps. */
public final class Timestamps {

    private Timestamps() {
    }

    /** An instant as the database will give it back. */
    public static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime toDatabase(Instant instant) {
        return instant == null ? null : storable(instant).atOffset(ZoneOffset.UTC);
    }

    static Instant fromDatabase(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
