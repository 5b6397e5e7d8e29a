package io.credmark.container;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the remote-manifest reference C2PA puts in XMP ({@code dcterms:provenance}, spec 2.2 §11.4), written either
 * as an attribute or as an element.
 */
public final class XmpProvenance {

    private static final Pattern ATTRIBUTE = Pattern.compile("dcterms:provenance\\s*=\\s*[\"']([^\"'<>]+)[\"']");
    private static final Pattern ELEMENT = Pattern.compile("<dcterms:provenance>\\s*([^<\\s]+)\\s*</dcterms:provenance>");

    private XmpProvenance() {
    }

    public static Optional<String> find(String xmp) {
        for (Pattern p : new Pattern[] {ATTRIBUTE, ELEMENT}) {
            Matcher m = p.matcher(xmp);
            // a local self#jumbf reference points into the file itself; only a web address is a remote manifest
            if (m.find() && m.group(1).trim().matches("(?i)https?://.+")) {
                return Optional.of(m.group(1).trim());
            }
        }
        return Optional.empty();
    }
}
