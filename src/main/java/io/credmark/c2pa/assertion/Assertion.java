package io.credmark.c2pa.assertion;

import io.credmark.c2pa.jumbf.DescriptionBox;
import io.credmark.c2pa.jumbf.JumbfUuids;
import io.credmark.c2pa.jumbf.JumbfWriter;
import java.util.List;

/**
 * An assertion ready to be placed in a manifest: its label, its content (CBOR or JSON), and the salt of its
 * description box. Every assertion credmark writes is salted (spec 2.2 §8.4.2.3) so that its hash in the claim
 * cannot be used to guess low-entropy content.
 */
public record Assertion(String label, Kind kind, byte[] content, byte[] salt) {

    public enum Kind {
        CBOR(JumbfUuids.CBOR, "cbor"),
        JSON(JumbfUuids.JSON, "json");

        private final java.util.UUID uuid;
        private final String boxType;

        Kind(java.util.UUID uuid, String boxType) {
            this.uuid = uuid;
            this.boxType = boxType;
        }
    }

    public static Assertion cbor(String label, byte[] content, byte[] salt) {
        return new Assertion(label, Kind.CBOR, content, salt);
    }

    /** The assertion's superbox; its payload (all but the first 8 bytes) is what the claim's hashed URI hashes. */
    public byte[] toSuperBox() {
        return JumbfWriter.superBox(DescriptionBox.labelled(kind.uuid, label, salt),
                List.of(JumbfWriter.contentBox(kind.boxType, content)));
    }
}
