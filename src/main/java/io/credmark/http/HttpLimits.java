package io.credmark.http;

import io.credmark.app.Settings;

/**
 * The HTTP server's limits on slow and busy clients, from the settings (docs/service.md lists them).
 *
 * @param idleTimeoutMillis        a connection, or a blocked read of a request body, that sees no byte for this long
 *                                 is closed
 * @param minRequestDataRate       bytes a second below which a request body is cut off (0: no minimum)
 * @param maxConcurrentStamps      stamps processed at once; further ones wait (their bodies already read)
 * @param maxConcurrentVerifies    anonymous verify and match-by-content requests processed at once, apart from the
 *                                 stamps' places so that they can never starve stamping
 * @param maxRequestsPerClient     requests of one client (API key, creator or address) in progress at once
 * @param maxAnonymousBodies       anonymous request bodies arriving at once from all clients
 * @param stampsPerMinute          stamps per API key and minute (0: no limit)
 * @param verifiesPerMinute        verify and match-by-content requests per client and minute
 * @param lookupsPerMinute         other anonymous requests that read the database, per client and minute
 * @param reportsPerClientPerHour     misuse reports per client and hour
 * @param reportsPerCredentialPerHour misuse reports about one credential per hour, from all clients
 * @param trustedProxyHeader       the header a trusted reverse proxy puts the client's address in, or null
 */
public record HttpLimits(long idleTimeoutMillis, long minRequestDataRate, int maxConcurrentStamps,
        int maxConcurrentVerifies, int maxRequestsPerClient, int maxAnonymousBodies, long stampsPerMinute,
        long verifiesPerMinute, long lookupsPerMinute, long reportsPerClientPerHour,
        long reportsPerCredentialPerHour, String trustedProxyHeader) {

    public static HttpLimits from(Settings settings) {
        int cpus = Runtime.getRuntime().availableProcessors();
        HttpLimits limits = new HttpLimits(
                settings.number("http.idle-timeout-ms", 10_000),
                settings.number("http.min-request-data-rate", 4096),
                (int) settings.number("http.max-concurrent-uploads", 4L * cpus),
                (int) settings.number("http.max-concurrent-verifies", 2L * cpus),
                (int) settings.number("http.max-requests-per-client", 16),
                (int) settings.number("http.max-anonymous-bodies", 64),
                settings.number("ratelimit.stamp.per-minute", 600),
                settings.number("ratelimit.verify.per-minute", 300),
                settings.number("ratelimit.lookup.per-minute", 600),
                settings.number("reports.perClientPerHour", 10),
                settings.number("reports.perCredentialPerHour", 30),
                settings.get("http.trusted-proxy-header").orElse(null));
        limits.check();
        return limits;
    }

    private void check() {
        if (idleTimeoutMillis < 1000) {
            throw new IllegalArgumentException("http.idle-timeout-ms must be at least 1000");
        }
        if (minRequestDataRate < 0 || stampsPerMinute < 0 || verifiesPerMinute < 0 || lookupsPerMinute < 0
                || reportsPerClientPerHour < 0 || reportsPerCredentialPerHour < 0) {
            throw new IllegalArgumentException("http.min-request-data-rate and the ratelimit.* and reports.* settings"
                    + " must not be negative");
        }
        if (maxConcurrentStamps < 1 || maxConcurrentVerifies < 1 || maxRequestsPerClient < 1
                || maxAnonymousBodies < 1) {
            throw new IllegalArgumentException("http.max-concurrent-uploads, http.max-concurrent-verifies,"
                    + " http.max-requests-per-client and http.max-anonymous-bodies must be at least 1");
        }
    }
}
