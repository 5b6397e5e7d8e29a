package io.credmark.http;

import java.util.Locale;

/** Content negotiation over an Accept header, as far as the API needs it. */
final class Accepts {

    private Accepts() {
    }

    /**
     * Whether the client asks for JSON rather than the image: JSON must rank higher, by quality and then by how
     * specifically it is named ({@code application/json} beats {@code *}{@code /*}). No Accept header means the image.
     */
    static boolean prefersJson(String accept, String imageType) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        Match json = match(accept, "application/json");
        Match image = match(accept, imageType);
        return json.quality > 0 && (json.quality > image.quality
                || json.quality == image.quality && json.specificity > image.specificity);
    }

    private record Match(double quality, int specificity) {
    }

    /** The most specific range of {@code accept} that covers {@code type}, with its quality. */
    private static Match match(String accept, String type) {
        String[] wanted = type.toLowerCase(Locale.ROOT).split("/", 2);
        Match best = new Match(0, -1);
        for (String range : accept.split(",")) {
            String[] params = range.split(";");
            String[] t = params[0].trim().toLowerCase(Locale.ROOT).split("/", 2);
            if (t.length != 2) {
                continue;
            }
            int specificity;
            if (t[0].equals(wanted[0]) && t[1].equals(wanted[1])) {
                specificity = 2;
            } else if (t[0].equals(wanted[0]) && t[1].equals("*")) {
                specificity = 1;
            } else if (t[0].equals("*") && t[1].equals("*")) {
                specificity = 0;
            } else {
                continue;
            }
            if (specificity > best.specificity) {
                best = new Match(quality(params), specificity);
            }
        }
        return best;
    }

    private static double quality(String[] params) {
        for (int i = 1; i < params.length; i++) {
            String p = params[i].trim();
            if (p.length() > 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                try {
                    double q = Double.parseDouble(p.substring(2));
                    return q >= 0 && q <= 1 ? q : 0;
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
