package io.credmark.issuance;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * What became of the watermark a stamp allowed for.
 *
 * @param payloadId the 48-bit id embedded, when one was
 * @param skipped   why none was embedded, when none was
 */
public record WatermarkStamp(OptionalLong payloadId, Optional<String> skipped) {

    public WatermarkStamp {
        if (payloadId.isPresent() == skipped.isPresent()) {
            throw new IllegalArgumentException("a watermark is either embedded or skipped for a reason");
        }
    }

    static WatermarkStamp embedded(long payloadId) {
        return new WatermarkStamp(OptionalLong.of(payloadId), Optional.empty());
    }

    static WatermarkStamp skipped(String reason) {
        return new WatermarkStamp(OptionalLong.empty(), Optional.of(reason));
    }

    public boolean embedded() {
        return payloadId.isPresent();
    }
}
