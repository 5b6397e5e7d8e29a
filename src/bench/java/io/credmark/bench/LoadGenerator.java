package io.credmark.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A closed-loop load generator: a number of connections, each sending the next request as soon as the previous one
 * is answered, for a warm-up and then a measured period. Only requests that start and end within the measured
 * period count. The measured period lasts at least the duration asked for, and on until every connection has
 * completed one measured request: a request slower than the whole period (a short run on a busy machine) would
 * otherwise leave a scenario with no sample at all. The rate is taken over the period as it actually lasted.
 */
final class LoadGenerator {

    record Result(String name, long requests, long errors, double seconds, long[] latenciesNanos) {

        double perSecond() {
            return requests / seconds;
        }

        double percentileMillis(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * latenciesNanos.length) - 1;
            return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, i))] / 1e6;
        }
    }

    private final HttpClient client;

    LoadGenerator(HttpClient client) {
        this.client = client;
    }

    Result run(String name, HttpRequest request, Predicate<HttpResponse<byte[]>> ok, int connections,
            Duration warmup, Duration duration) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureTo = measureFrom + duration.toNanos();
        AtomicLong errors = new AtomicLong();
        AtomicLong measuredUntil = new AtomicLong(measureTo);
        List<long[]> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long[][] mine = {new long[1024]};
            int[] n = {0};
            Thread t = new Thread(() -> {
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= measureTo && n[0] > 0) {
                        break;
                    }
                    boolean success;
                    try {
                        success = ok.test(client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
                    } catch (Exception e) {
                        success = false;
                    }
                    long t1 = System.nanoTime();
                    if (t0 >= measureFrom && (t1 <= measureTo || n[0] == 0)) {
                        measuredUntil.accumulateAndGet(t1, Math::max);
                        if (!success) {
                            errors.incrementAndGet();
                        }
                        if (n[0] == mine[0].length) {
                            mine[0] = Arrays.copyOf(mine[0], n[0] * 2);
                        }
                        mine[0][n[0]++] = t1 - t0;
                    }
                }
                synchronized (samples) {
                    samples.add(Arrays.copyOf(mine[0], n[0]));
                }
            }, "bench-" + name + "-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(name, all.length, errors.get(), (measuredUntil.get() - measureFrom) / 1e9, all);
    }
}
