package io.credmark.usage;

/** Free text from people (reports, notices, profiles): kept as typed, shown only as text. */
final class Texts {

    private Texts() {
    }

    /** Trimmed, with control characters other than line breaks and tabs removed. */
    static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> c == '\n' || c == '\t' || !Character.isISOControl(c)).forEach(b::appendCodePoint);
        return b.toString().strip();
    }

    static String shorten(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
