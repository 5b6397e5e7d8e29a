package io.credmark.c2pa.claim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * JUMBF URIs ({@code self#jumbf=…}, spec 2.2 §8.2): absolute ({@code /c2pa/<manifest>/…}) or relative to the
 * manifest that contains them.
 */
public final class JumbfUri {

    public static final String PREFIX = "self#jumbf=";

    private JumbfUri() {
    }

    public static String absolute(String manifestLabel, String... path) {
        StringBuilder sb = new StringBuilder(PREFIX).append("/c2pa/").append(manifestLabel);
        for (String p : path) {
            sb.append('/').append(p);
        }
        return sb.toString();
    }

    public static String relative(String... path) {
        return PREFIX + String.join("/", path);
    }

    /**
     * The path segments of {@code uri} made absolute from the store root ({@code c2pa/<manifest>/…}), or empty when
     * it is not a JUMBF URI, contains {@code ..}, or names nothing.
     */
    public static Optional<List<String>> resolve(String uri, String currentManifest) {
        if (uri == null || !uri.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String path = uri.substring(PREFIX.length());
        List<String> segments = new ArrayList<>();
        boolean absolute = path.startsWith("/");
        if (!absolute) {
            segments.add("c2pa");
            segments.add(currentManifest);
        }
        for (String s : path.split("/")) {
            if (s.isEmpty()) {
                continue;
            }
            if ("..".equals(s) || ".".equals(s)) {
                return Optional.empty();
            }
            segments.add(s);
        }
        return segments.isEmpty() ? Optional.empty() : Optional.of(segments);
    }
}
