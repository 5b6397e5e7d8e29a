package io.credmark.issuance;

import io.credmark.bytes.Sha256;
import io.credmark.c2pa.sign.SignedManifest;
import io.credmark.container.ImageFormat;
import io.credmark.disclosure.Commitments;
import io.credmark.metadata.MetadataReport;
import io.credmark.pixels.marker.MarkResult;
import io.credmark.provenance.ProvenanceDocument;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A stamped image, not yet materialised: the input plus the new manifest store, written on demand.
 *
 * @param parentManifest the label of the manifest the input already carried, now a parentOf ingredient
 * @param commitments    every field's disclosure and level: the service keeps them, the creator's evidence uses them
 * @param mark           where the visible mark was drawn, when one was
 * @param watermark      what became of the watermark, when the options allowed one
 * @param width          the stamped image's width in stored pixels
 * @param height         its height
 * @param provenance     the provenance as stamped: the request's, with any fields imported from the input
 * @param metadata       what became of the input's own metadata
 */
public record StampResult(SignedManifest manifest, ImageFormat format, Optional<String> parentManifest,
        Commitments commitments, Optional<MarkResult> mark, Optional<WatermarkStamp> watermark, int width,
        int height, ProvenanceDocument provenance, MetadataReport metadata) {

    public String manifestLabel() {
        return manifest.label();
    }

    public void writeTo(OutputStream out) throws IOException {
        manifest.writeTo(out);
    }

    public byte[] toByteArray() {
        return manifest.toByteArray();
    }

    /** SHA-256 of the stamped file, hex, computed by streaming it once. */
    public String sha256() {
        MessageDigest sha = Sha256.digest();
        try (DigestOutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
            writeTo(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
