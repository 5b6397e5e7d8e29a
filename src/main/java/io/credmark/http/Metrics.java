package io.credmark.http;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * This node's counters and latency histograms, in the Prometheus text format (0.0.4). Per process by nature:
 * Prometheus scrapes each node and sums. Label values are bounded: routes are the declared patterns, never raw paths.
 */
final class Metrics {

    static final String MEDIA_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private record RequestKey(String method, String route, int status) {
    }

    private record RouteKey(String method, String route) {
    }

    private static final class Histogram {
        final LongAdder[] counts = new LongAdder[BUCKETS.length + 1];
        final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = new LongAdder();
            }
        }

        void observe(double value) {
            int i = 0;
            while (i < BUCKETS.length && value > BUCKETS[i]) {
                i++;
            }
            counts[i].increment();
            sum.add(value);
        }
    }

    private final Map<RequestKey, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<RouteKey, Histogram> durations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> stamps = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> verifications = new ConcurrentHashMap<>();

    void request(String method, String route, int status, double seconds) {
        requests.computeIfAbsent(new RequestKey(method, route, status), k -> new LongAdder()).increment();
        durations.computeIfAbsent(new RouteKey(method, route), k -> new Histogram()).observe(seconds);
    }

    /** A stamp whose record was committed, by media type. */
    void stamped(String mediaType) {
        stamps.computeIfAbsent(mediaType, k -> new LongAdder()).increment();
    }

    /** A verification that produced a report, by its status. */
    void verified(String status) {
        verifications.computeIfAbsent(status, k -> new LongAdder()).increment();
    }

    String render() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP credmark_http_requests_total HTTP requests answered, by method, route pattern and status.\n");
        out.append("# TYPE credmark_http_requests_total counter\n");
        new TreeMap<>(collect(requests)).forEach((labels, n) ->
                out.append("credmark_http_requests_total").append(labels).append(' ').append(n).append('\n'));

        out.append("# HELP credmark_http_request_duration_seconds Time from routing to the last byte of the response.\n");
        out.append("# TYPE credmark_http_request_duration_seconds histogram\n");
        TreeMap<String, Histogram> sorted = new TreeMap<>();
        durations.forEach((k, h) -> sorted.put(labels("method", k.method(), "route", k.route()), h));
        sorted.forEach((labels, h) -> {
            String inner = labels.substring(1, labels.length() - 1);
            long cumulative = 0;
            for (int i = 0; i <= BUCKETS.length; i++) {
                cumulative += h.counts[i].sum();
                String le = i < BUCKETS.length ? number(BUCKETS[i]) : "+Inf";
                out.append("credmark_http_request_duration_seconds_bucket{").append(inner).append(",le=\"").append(le)
                        .append("\"} ").append(cumulative).append('\n');
            }
            out.append("credmark_http_request_duration_seconds_sum").append(labels).append(' ')
                    .append(number(h.sum.sum())).append('\n');
            out.append("credmark_http_request_duration_seconds_count").append(labels).append(' ').append(cumulative)
                    .append('\n');
        });

        out.append("# HELP credmark_stamps_total Images stamped and recorded, by media type.\n");
        out.append("# TYPE credmark_stamps_total counter\n");
        new TreeMap<>(stamps).forEach((type, n) -> out.append("credmark_stamps_total")
                .append(labels("media_type", type)).append(' ').append(n.sum()).append('\n'));

        out.append("# HELP credmark_verifications_total Images verified, by the report's status.\n");
        out.append("# TYPE credmark_verifications_total counter\n");
        new TreeMap<>(verifications).forEach((status, n) -> out.append("credmark_verifications_total")
                .append(labels("status", status)).append(' ').append(n.sum()).append('\n'));
        return out.toString();
    }

    private static Map<String, Long> collect(Map<RequestKey, LongAdder> counters) {
        Map<String, Long> out = new java.util.HashMap<>();
        counters.forEach((k, n) -> out.put(
                labels("method", k.method(), "route", k.route(), "status", Integer.toString(k.status())), n.sum()));
        return out;
    }

    private static String labels(String... namesAndValues) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            b.append(namesAndValues[i]).append("=\"").append(escape(namesAndValues[i + 1])).append('"');
        }
        return b.append('}').toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
