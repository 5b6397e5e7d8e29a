package io.credmark.usage;

import java.util.Optional;

/** What is counted, per credential and UTC day. */
public enum UsageEvent {
    /** A stamp; the detail is the API key (front end) that asked for it. */
    STAMP("stamp"),
    /** A verification through the API. */
    VERIFY_API("verify-api"),
    /** A verification from the verify page. */
    VERIFY_PAGE("verify-page"),
    /** A verification by the web component on a publisher's page. */
    VERIFY_COMPONENT("verify-component"),
    /** A view of the credential's page. */
    PAGE_VIEW("page-view"),
    /** A copy without its manifest, found through its watermark ("seen stripped"). */
    WATERMARK_RECOVERY("watermark-recovery"),
    /** A valid manifest whose recorded watermark the pixels carry. */
    WATERMARK_AGREE("watermark-agree"),
    /** A valid manifest on pixels carrying another credential's watermark: a transplanted manifest. */
    WATERMARK_DISAGREE("watermark-disagree"),
    /** A misuse report. */
    REPORT("report"),
    /** A web component verification on a page of this host; the detail is the host name. */
    EMBED_HOST("embed-host");

    private final String wireName;

    UsageEvent(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<UsageEvent> byWireName(String name) {
        for (UsageEvent e : values()) {
            if (e.wireName.equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
