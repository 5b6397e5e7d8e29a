package io.credmark.provenance;

/**
 * The rules every string in a document obeys: bounded length, and well-formed Unicode, because the signed
 * manifest stores strings as CBOR text, which must be valid UTF-8.
 */
final class TextRules {

    private TextRules() {
    }

    /** What is wrong with {@code text}, or {@code null} when it is acceptable. */
    static String problemWith(String text) {
        long utf8Bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                utf8Bytes += 1;
            } else if (c < 0x800) {
                utf8Bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                utf8Bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid Unicode (unpaired surrogate at character " + i + ")";
            } else {
                utf8Bytes += 3;
            }
        }
        if (utf8Bytes > ProvenanceLimits.MAX_STRING_BYTES) {
            return "is too long: " + utf8Bytes + " bytes in UTF-8, at most " + ProvenanceLimits.MAX_STRING_BYTES;
        }
        return null;
    }
}
