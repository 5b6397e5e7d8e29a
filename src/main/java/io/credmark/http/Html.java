package io.credmark.http;

/**
 * Builds HTML text in which every value is escaped: {@link #text} and {@link #attribute} for anything that comes from
 * a request or the store, {@link #markup} only for constant markup written in this code.
 */
final class Html {

    private final StringBuilder out = new StringBuilder(8192);

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    Html markup(String constant) {
        out.append(constant);
        return this;
    }

    Html text(String value) {
        out.append(escape(value));
        return this;
    }

    /** {@code name="value"} with a leading space. */
    Html attribute(String name, String value) {
        out.append(' ').append(name).append("=\"").append(escape(value)).append('"');
        return this;
    }

    /** {@code <tag>text</tag>}. */
    Html element(String tag, String text) {
        return markup("<" + tag + ">").text(text).markup("</" + tag + ">");
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
