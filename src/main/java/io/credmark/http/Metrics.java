package io.credmark.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;

/**
 * This node's meters, scraped as Prometheus text (0.0.4): credmark's own counters and request latency histogram,
 * and the JVM's, Jetty's thread pool's and the HikariCP pool's. Per process by nature: Prometheus scrapes each node and
 * sums. Label values are bounded: routes are the declared patterns, never raw paths.
 */
final class Metrics implements AutoCloseable {

    static final String MEDIA_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Duration[] BUCKETS = buckets(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
            5, 10);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    Metrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Jetty's thread pool (busy, idle, queued threads). */
    void bindJetty(Server server) {
        new JettyServerThreadPoolMetrics(server.getThreadPool(), Tags.empty()).bindTo(registry);
    }

    /** Where other parts (the database's connection pool) register their meters. */
    MeterRegistry registry() {
        return registry;
    }

    void request(String method, String route, int status, double seconds) {
        Counter.builder("credmark.http.requests")
                .description("HTTP requests answered, by method, route pattern and status.")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .register(registry).increment();
        Timer.builder("credmark.http.request.duration")
                .description("Time from routing to the last byte of the response.")
                .tags("method", method, "route", route)
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record((long) (seconds * 1e9), TimeUnit.NANOSECONDS);
    }

    /** A stamp whose record was committed, by media type. */
    void stamped(String mediaType) {
        Counter.builder("credmark.stamps").description("Images stamped and recorded, by media type.")
                .tag("media_type", mediaType).register(registry).increment();
    }

    /** A verification that produced a report, by its status. */
    void verified(String status) {
        Counter.builder("credmark.verifications").description("Images verified, by the report's status.")
                .tag("status", status).register(registry).increment();
    }

    String render() {
        return registry.scrape(MEDIA_TYPE);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private static Duration[] buckets(double... seconds) {
        Duration[] out = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return out;
    }
}
