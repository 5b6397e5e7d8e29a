package io.credmark.c2pa.assertion;

import io.credmark.c2pa.jumbf.DescriptionBox;
import io.credmark.c2pa.jumbf.JumbfUuids;
import io.credmark.c2pa.jumbf.JumbfWriter;
import java.util.List;

/**
 * An assertion ready to be placed in a manifest: its label, its content (CBOR, JSON, or an embedded file such as a
 * thumbnail), and the salt of its description box. Every assertion credmark writes is salted (spec 2.2 §8.4.2.3)
 * so that its hash in the claim cannot be used to guess low-entropy content.
 *
 * @param mediaType the embedded file's media type; {@code null} for CBOR and JSON
 */
public record Assertion(String label, Kind kind, byte[] content, byte[] salt, String mediaType) {

    public enum Kind {
        CBOR(JumbfUuids.CBOR, "cbor"),
        JSON(JumbfUuids.JSON, "json"),
        /** ISO 19566-5 embedded file: a {@code bfdb} description (media type) and a {@code bidb} with the bytes. */
        EMBEDDED_FILE(JumbfUuids.EMBEDDED_FILE, "bidb");

        private final java.util.UUID uuid;
        private final String boxType;

        Kind(java.util.UUID uuid, String boxType) {
            this.uuid = uuid;
            this.boxType = boxType;
        }
    }

    public static Assertion cbor(String label, byte[] content, byte[] salt) {
        return new Assertion(label, Kind.CBOR, content, salt, null);
    }

    /** An embedded file, e.g. a claim thumbnail ({@code c2pa.thumbnail.claim.jpeg}, spec 2.2 §18.16). */
    public static Assertion embeddedFile(String label, String mediaType, byte[] content, byte[] salt) {
        return new Assertion(label, Kind.EMBEDDED_FILE, content, salt, mediaType);
    }

    /** The assertion's superbox; its payload (all but the first 8 bytes) is what the claim's hashed URI hashes. */
    public byte[] toSuperBox() {
        if (kind == Kind.EMBEDDED_FILE) {
            // bfdb: toggles (no file name, not external), then the media type, NUL-terminated (ISO 19566-5 §B.6)
            byte[] type = mediaType.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] description = new byte[type.length + 2];
            System.arraycopy(type, 0, description, 1, type.length);
            return JumbfWriter.superBox(DescriptionBox.labelled(kind.uuid, label, salt),
                    List.of(JumbfWriter.contentBox("bfdb", description), JumbfWriter.contentBox("bidb", content)));
        }
        return JumbfWriter.superBox(DescriptionBox.labelled(kind.uuid, label, salt),
                List.of(JumbfWriter.contentBox(kind.boxType, content)));
    }
}
