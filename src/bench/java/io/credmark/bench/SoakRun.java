package io.credmark.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A closed-loop run of a {@link MixedWorkload} for a long time: each connection sends the next request, drawn by the
 * workload's shares, as soon as the last is answered. After the warm-up, every interval (a minute by default) prints
 * its throughput, latency percentiles, errors by status and the server's resident memory, so that a slow leak shows
 * as a rising column. A 429 is counted apart from errors: it is the rate limiter answering, not a failure.
 */
final class SoakRun {

    /** Resident memory of the process that serves, from {@code /proc/PID/status}. */
    record Rss(long pid, String description) {

        OptionalLong megabytes() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return OptionalLong.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not Linux, or the process has gone: no figure
            }
            return OptionalLong.empty();
        }
    }

    /** What one interval, or one operation over the run, saw. */
    private static final class Tally {
        long requests;
        long limited;
        final Map<String, Long> errors = new TreeMap<>();
        long[] latencies = new long[256];

        synchronized void add(String outcome, long nanos) {
            if (outcome == null) {
                if (requests == latencies.length) {
                    latencies = Arrays.copyOf(latencies, latencies.length * 2);
                }
                latencies[(int) requests++] = nanos;
            } else if (outcome.equals("429")) {
                limited++;
            } else {
                errors.merge(outcome, 1L, Long::sum);
            }
        }

        synchronized long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        synchronized double percentile(double p) {
            if (requests == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(latencies, (int) requests);
            Arrays.sort(sorted);
            int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, i)] / 1e6;
        }

        synchronized String errorText() {
            return errors.isEmpty() ? "-" : errors.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue())
                    .collect(Collectors.joining(" "));
        }
    }

    private final HttpClient client;
    /** The first message of each kind of exception, printed at the end: an error count alone explains nothing. */
    private final Map<String, String> firstMessages = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final MixedWorkload workload;
    private final Rss rss;

    SoakRun(HttpClient client, MixedWorkload workload, Rss rss) {
        this.client = client;
        this.workload = workload;
        this.rss = rss;
    }

    /** @return the number of errors (429s not included) */
    long run(int connections, Duration warmup, Duration duration, Duration interval, PrintStream out)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + duration.toNanos();
        int intervals = (int) Math.max(1, (duration.toNanos() + interval.toNanos() - 1) / interval.toNanos());
        Tally[] byInterval = new Tally[intervals];
        Arrays.setAll(byInterval, i -> new Tally());
        Map<String, Tally> byOperation = new TreeMap<>();
        workload.operations().forEach(o -> byOperation.put(o.name(), new Tally()));

        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            SplittableRandom random = new SplittableRandom(1000 + c);
            Thread t = new Thread(() -> {
                while (System.nanoTime() < measureTo) {
                    MixedWorkload.Operation op = workload.next(random);
                    long t0 = System.nanoTime();
                    String outcome = send(op, op.request().apply(random));
                    long t1 = System.nanoTime();
                    if (t0 >= measureFrom && t1 < measureTo) {
                        byInterval[(int) ((t1 - measureFrom) / interval.toNanos())].add(outcome, t1 - t0);
                        byOperation.get(op.name()).add(outcome, t1 - t0);
                    }
                }
            }, "soak-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }

        out.printf(Locale.ROOT, "RSS: %s%n", rss.description());
        out.printf(Locale.ROOT, "%-8s %9s %8s %7s %6s %8s %8s %8s %8s  %s%n", "interval", "requests", "req/s",
                "errors", "429s", "p50 ms", "p90 ms", "p99 ms", "RSS MB", "errors by status");
        out.printf(Locale.ROOT, "%-8s %9s %8s %7s %6s %8s %8s %8s %8s%n", "warm-up", "", "", "", "", "", "", "",
                rssText(awaitAndSample(measureFrom)));
        long errors = 0;
        long requests = 0;
        List<Long> rssSeries = new ArrayList<>();
        for (int i = 0; i < intervals; i++) {
            long end = Math.min(measureTo, measureFrom + (i + 1) * interval.toNanos());
            OptionalLong mb = awaitAndSample(end);
            mb.ifPresent(rssSeries::add);
            Tally t = byInterval[i];
            double seconds = (end - (measureFrom + i * interval.toNanos())) / 1e9;
            synchronized (t) {
                errors += t.errorCount();
                requests += t.requests;
                out.printf(Locale.ROOT, "%-8d %9d %8.1f %7d %6d %8.1f %8.1f %8.1f %8s  %s%n", i + 1, t.requests,
                        t.requests / seconds, t.errorCount(), t.limited, t.percentile(50), t.percentile(90),
                        t.percentile(99), rssText(mb), t.errorText());
            }
            out.flush();
        }
        for (Thread t : threads) {
            t.join();
        }

        out.printf(Locale.ROOT, "%n%-18s %9s %7s %6s %8s %8s %8s  %s%n", "operation", "requests", "errors", "429s",
                "p50 ms", "p90 ms", "p99 ms", "errors by status");
        for (Map.Entry<String, Tally> e : byOperation.entrySet()) {
            Tally t = e.getValue();
            out.printf(Locale.ROOT, "%-18s %9d %7d %6d %8.1f %8.1f %8.1f  %s%n", e.getKey(), t.requests,
                    t.errorCount(), t.limited, t.percentile(50), t.percentile(90), t.percentile(99), t.errorText());
        }
        out.printf(Locale.ROOT, "%ntotal: %d correct answers in %d s (%.1f req/s), %d errors, %d 429s%n", requests,
                duration.toSeconds(), requests / (duration.toNanos() / 1e9), errors,
                Arrays.stream(byInterval).mapToLong(t -> t.limited).sum());
        firstMessages.forEach((kind, message) -> out.printf(Locale.ROOT, "first %s: %s%n", kind, message));
        if (rssSeries.size() >= 2) {
            long secondHalfFirst = rssSeries.get(rssSeries.size() / 2);
            out.printf(Locale.ROOT, "RSS MB: after interval 1 %d, min %d, max %d, last %d; over the second half"
                    + " %+d%n", rssSeries.get(0), rssSeries.stream().mapToLong(Long::longValue).min().orElse(0),
                    rssSeries.stream().mapToLong(Long::longValue).max().orElse(0),
                    rssSeries.get(rssSeries.size() - 1), rssSeries.get(rssSeries.size() - 1) - secondHalfFirst);
        }
        return errors;
    }

    /** null when the answer was correct, else what went wrong: the status, {@code 200-wrong} or the exception. */
    private String send(MixedWorkload.Operation op, HttpRequest request) {
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (op.ok().test(r)) {
                return null;
            }
            return r.statusCode() == 200 ? "200-unexpected" : Integer.toString(r.statusCode());
        } catch (IOException e) {
            String kind = e.getClass().getSimpleName();
            firstMessages.putIfAbsent(kind, op.name() + ": " + e.getMessage());
            return kind;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private OptionalLong awaitAndSample(long nanoTime) throws InterruptedException {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        // answers completed just before the boundary are being recorded
        Thread.sleep(50);
        return rss.megabytes();
    }

    private static String rssText(OptionalLong mb) {
        return mb.isPresent() ? Long.toString(mb.getAsLong()) : "n/a";
    }
}
