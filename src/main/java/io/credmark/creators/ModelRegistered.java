package io.credmark.creators;

import io.credmark.c2pa.sign.TimeStampOutcome;

/**
 * A model revision just written, and whether its registration was time-stamped: without a time-stamp (the
 * authority could not be reached and {@code tsa.required} is off, or time-stamping is off) the answer says so.
 */
public record ModelRegistered(RegisteredModel model, TimeStampOutcome timeStamp) {
}
