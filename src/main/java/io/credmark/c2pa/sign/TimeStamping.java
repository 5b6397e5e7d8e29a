package io.credmark.c2pa.sign;

import java.util.Optional;

/**
 * Whether and how claim signatures are time-stamped.
 *
 * @param authority the authority to ask, or none to sign without a time-stamp
 * @param required  when the authority cannot be reached: fail the signing ({@code true}) or sign without a
 *                  time-stamp and say so ({@code false})
 */
public record TimeStamping(Optional<TimeStamper> authority, boolean required) {

    public static final TimeStamping NONE = new TimeStamping(Optional.empty(), false);

    public static TimeStamping required(TimeStamper authority) {
        return new TimeStamping(Optional.of(authority), true);
    }
}
