package io.credmark.issuance;

import io.credmark.c2pa.sign.TimeStampOutcome;
import io.credmark.container.ImageFormat;
import io.credmark.creators.CreatorIdentities;
import io.credmark.credential.Credential;
import io.credmark.disclosure.Commitments;
import io.credmark.metadata.MetadataReport;
import io.credmark.pixels.marker.MarkResult;
import java.util.Optional;

/**
 * A stamped image whose credential is recorded.
 *
 * @param image the stamped file, exactly as recorded by {@link Credential#sha256()}: in memory, or in the file the
 *              caller named
 * @param url   the credential's page, as written into the manifest
 * @param manifestStore the manifest store written into the file (JUMBF): the credential's evidence is made from it
 * @param mark  where the visible mark was drawn, when one was
 * @param watermark what became of the invisible watermark, when the options allowed one
 * @param parentManifest the label of the manifest the input already carried, now a parentOf ingredient
 * @param commitments every field's disclosure and level, the private ones included: for the creator's evidence only
 * @param metadata    what became of the input's own metadata
 * @param timeStamp   the time-stamp on the signature, or why there is none
 * @param identity    the creator's own identity signature, when the creator allowed this front end to make one;
 *                    without it the creator is only named by the front end
 * @param identityUnavailable why the stamp carries no identity signature although the creator allowed this front
 *                    end: the creator's key in the PKCS#11 token is missing or cannot be made (names the creator and
 *                    the key's label)
 */
public record Stamped(Credential credential, String url, ImageFormat format, StampedImage image,
        Optional<MarkResult> mark, Optional<WatermarkStamp> watermark, Optional<String> parentManifest,
        Commitments commitments, MetadataReport metadata, TimeStampOutcome timeStamp,
        Optional<CreatorIdentities.Confirmed> identity, Optional<String> identityUnavailable, byte[] manifestStore) {
}
