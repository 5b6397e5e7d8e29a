package io.credmark.http;

/** Who may call a route. */
enum Access {
    /** Anyone; no API key is looked at. */
    PUBLIC,
    /** Any valid, unrevoked API key. */
    API_KEY,
    /** An unrevoked key with the admin role. */
    ADMIN,
    /**
     * A creator's token ({@code cmc_…}); the handler checks that it is the right creator's. Front-end API keys are
     * refused with 403: they may stamp, but not change disclosure or edit models.
     */
    CREATOR
}
