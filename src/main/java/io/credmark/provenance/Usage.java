package io.credmark.provenance;

import java.util.List;

/**
 * The terms under which the model (and so its output) may be used. Lists are never {@code null}.
 *
 * @param license     licence name or SPDX identifier, e.g. {@code CreativeML Open RAIL++-M}
 * @param url         http(s) URL of the licence or terms
 * @param permitted   uses the creator explicitly allows
 * @param prohibited  uses the creator explicitly forbids
 * @param attribution how the creator asks to be credited
 */
public record Usage(String license, String url, List<String> permitted, List<String> prohibited,
        String attribution) {

    public static final Usage EMPTY = new Usage(null, null, null, null, null);

    public Usage {
        permitted = Require.list(permitted, "permitted");
        prohibited = Require.list(prohibited, "prohibited");
    }

    public boolean isEmpty() {
        return equals(EMPTY);
    }
}
