package io.credmark.c2pa.sign;

import java.util.Optional;

/**
 * Whether a claim signature was time-stamped: the time-stamp, or why there is none.
 *
 * @param stamp  the time-stamp, when one was obtained
 * @param reason why there is none: time-stamping is off, or the authority could not be reached and a time-stamp
 *               was not required
 */
public record TimeStampOutcome(Optional<TimeStamp> stamp, Optional<String> reason) {

    static final TimeStampOutcome OFF = missing("time-stamping is off (tsa.url none)");

    public static TimeStampOutcome of(TimeStamp stamp) {
        return new TimeStampOutcome(Optional.of(stamp), Optional.empty());
    }

    public static TimeStampOutcome missing(String reason) {
        return new TimeStampOutcome(Optional.empty(), Optional.of(reason));
    }
}
