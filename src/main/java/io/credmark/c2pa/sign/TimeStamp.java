package io.credmark.c2pa.sign;

import java.time.Instant;

/**
 * A time-stamp token as obtained from an authority.
 *
 * @param token     the DER-encoded TimeStampToken (a CMS SignedData)
 * @param time      its genTime: the authority's statement of when the data existed
 * @param authority the authority asked: its URL, or "the built-in TSA"
 */
public record TimeStamp(byte[] token, Instant time, String authority) {
}
