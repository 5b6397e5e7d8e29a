package io.credmark.c2pa.jumbf;

import java.util.UUID;

/**
 * A JUMBF description box ({@code jumd}, ISO 19566-5 §B.3): content type, toggles, label, and in C2PA an optional
 * private {@code c2sh} salt box.
 *
 * @param salt the salt bytes, or {@code null} when unsalted
 */
public record DescriptionBox(UUID type, int toggles, String label, Long id, byte[] signature, byte[] salt) {

    public static final int REQUESTABLE = 0x01;
    public static final int LABEL_PRESENT = 0x02;
    public static final int ID_PRESENT = 0x04;
    public static final int SIGNATURE_PRESENT = 0x08;
    public static final int PRIVATE_PRESENT = 0x10;

    /** The description C2PA writes: requestable and labelled, with a private salt box when salted. */
    public static DescriptionBox labelled(UUID type, String label, byte[] salt) {
        int toggles = REQUESTABLE | LABEL_PRESENT | (salt == null ? 0 : PRIVATE_PRESENT);
        return new DescriptionBox(type, toggles, label, null, null, salt);
    }
}
