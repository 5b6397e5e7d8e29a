package io.credmark.verification;

import io.credmark.credential.CredentialId;
import io.credmark.pixels.watermark.Detection;
import java.util.Optional;

/**
 * What the invisible watermark says about an image, next to what its manifest says.
 *
 * @param scan      the search of the pixels; empty when the file is byte for byte the one issued, whose watermark
 *                  is known without looking
 * @param recorded  the watermark id credmark's assertion records, when a valid manifest carries one
 * @param leadsTo   the credential a found watermark leads to, when this installation has it on record
 * @param manifestValid whether the file carries a valid (trusted or valid) manifest to agree with
 * @param issuedFor the credential that manifest was issued with by this installation (label and signer on record),
 *                  if any
 */
public record WatermarkCheck(Optional<WatermarkScan> scan, Optional<Long> recorded, Optional<Found> leadsTo,
        boolean manifestValid, Optional<CredentialId> issuedFor) {

    /** A credential found through its watermark. */
    public record Found(CredentialId id, String url, String manifestLabel) {
    }

    /** The watermark found in the pixels, if any. */
    public Optional<Detection> detection() {
        return scan.flatMap(WatermarkScan::detection);
    }

    /** The watermark id the pixels carry: found, or for the file as issued, the one recorded. */
    public Optional<Long> present() {
        return present(scan, recorded);
    }

    static Optional<Long> present(Optional<WatermarkScan> scan, Optional<Long> recorded) {
        return scan.isEmpty() ? recorded : scan.get().detection().map(Detection::payloadId);
    }

    /**
     * Whether the watermark agrees with a valid manifest: the one it records is the one found, or it records none
     * and none is found; and a watermark leading to one of this installation's credentials agrees only with the
     * manifest issued with that credential, since any signer can record a watermark id it found. Empty without a
     * valid manifest or when the pixels could not be searched.
     */
    public Optional<Boolean> agrees() {
        if (!manifestValid || scan.flatMap(WatermarkScan::unreadable).isPresent()) {
            return Optional.empty();
        }
        boolean issuedWithIt = leadsTo.map(f -> issuedFor.equals(Optional.of(f.id()))).orElse(true);
        return Optional.of(present().equals(recorded) && issuedWithIt);
    }
}
