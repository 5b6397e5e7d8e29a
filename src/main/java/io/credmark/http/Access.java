package io.credmark.http;

/** Who may call a route. */
enum Access {
    /** Anyone; no API key is looked at. */
    PUBLIC,
    /** Any valid, unrevoked API key. */
    API_KEY,
    /** An unrevoked key with the admin role. */
    ADMIN
}
