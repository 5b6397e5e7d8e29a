package io.credmark.bench;

import io.credmark.access.ApiKeyRole;
import io.credmark.access.NewApiKey;
import io.credmark.cli.ServeCommand;
import io.credmark.cli.UsageException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench http}: stamp and verify of a one-megapixel PNG and JPEG under concurrent load, against a running
 * service ({@code --target URL --api-key KEY}), one started in this process on loopback ({@code --data},
 * {@code --db}), or one started in a JVM of its own ({@code --fork-server [--server-heap 1g]}). Prints requests per
 * second, p50 and p99 latency and the error count per scenario. The scenario {@code mixed} is a soak instead: the
 * {@link MixedWorkload} for the whole {@code --duration} (seconds or ISO-8601, e.g. {@code PT10M}), reported per
 * {@code --interval} (default {@code PT1M}) with the server's resident memory.
 */
@Command(name = "http", description = "Stamp and verify under concurrent load, or a mixed-workload soak, against a"
        + " running service or one started here.")
final class HttpBenchCommand implements Callable<Integer> {

    private static final String BOUNDARY = "credmark-bench-boundary-7d3f1a";
    static final String PROVENANCE = """
            {"creator":{"handle":"mirelle.ink","displayName":"Mirelle Okafor"},
             "model":{"name":"Inkwash XL","version":"2.1"},
             "generation":{"prompt":"ink wash painting of a grey heron standing in a misty river at dawn",
               "negativePrompt":"photo, 3d render","seed":3735928559,"steps":30,"sampler":"DPM++ 2M",
               "cfgScale":6.5,"width":1000,"height":1000},
             "lineage":{"baseModels":[{"name":"Stable Diffusion XL Base","version":"1.0"}],
               "datasets":[{"name":"Own brush studies 2024-2025","license":"proprietary"}]},
             "usage":{"license":"CreativeML Open RAIL++-M","prohibited":["impersonating the creator"]}}
            """;
    private static final List<String> SCENARIOS = List.of("verify-jpeg", "verify-png", "stamp-jpeg", "stamp-png",
            "mixed");
    private static final List<String> DEFAULT_SCENARIOS = SCENARIOS.subList(0, 4);
    /** The benchmark is one client that saturates the service on purpose: no per-client rate limits. */
    private static final Map<String, String> UNLIMITED = Map.of("CREDMARK_RATELIMIT_STAMP_PER_MINUTE", "0",
            "CREDMARK_RATELIMIT_VERIFY_PER_MINUTE", "0", "CREDMARK_RATELIMIT_LOOKUP_PER_MINUTE", "0",
            "CREDMARK_REPORTS_PERCLIENTPERHOUR", "0", "CREDMARK_REPORTS_PERCREDENTIALPERHOUR", "0",
            "CREDMARK_HTTP_MAX_REQUESTS_PER_CLIENT", "1000");

    @Spec
    private CommandSpec spec;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--target", paramLabel = "URL", description = "A running service; default one started here.")
    private Optional<String> targetUrl = Optional.empty();
    @Option(names = "--api-key", paramLabel = "KEY", description = "A stamp key of the --target service.")
    private Optional<String> apiKey = Optional.empty();
    @Option(names = "--admin-key", paramLabel = "KEY",
            description = "An admin key of the --target service (the soak's creator and usage reads).")
    private Optional<String> adminKeyOption = Optional.empty();
    @Option(names = "--data", paramLabel = "DIR", description = "The started service's data directory.")
    private Optional<String> data = Optional.empty();
    @Option(names = "--db", paramLabel = "JDBC_URL", description = "The started service's database.")
    private Optional<String> db = Optional.empty();
    @Option(names = "--fork-server", description = "Start the service in a JVM of its own (its memory measured alone).")
    private boolean forkServer;
    @Option(names = "--server-heap", paramLabel = "SIZE", defaultValue = "1g",
            description = "The forked service's heap (-Xms = -Xmx); default ${DEFAULT-VALUE}.")
    private String serverHeap;
    @Option(names = "--image", paramLabel = "FILE", defaultValue = "testdata/images/rgb8.png",
            description = "The image, scaled to one megapixel; default ${DEFAULT-VALUE}.")
    private Path image;
    @Option(names = "--connections", paramLabel = "N", defaultValue = "16", description = "Default ${DEFAULT-VALUE}.")
    private int connections;
    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "20",
            description = "Measured time a scenario, whole seconds or ISO-8601 (PT10M); default ${DEFAULT-VALUE}.")
    private String durationText;
    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "5",
            description = "Warm-up time a scenario, whole seconds or ISO-8601; default ${DEFAULT-VALUE}.")
    private String warmupText;
    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "PT1M",
            description = "The soak's report interval; default ${DEFAULT-VALUE}.")
    private String intervalText;
    @Option(names = "--scenarios", paramLabel = "NAME", split = ",",
            description = "Some of verify-jpeg, verify-png, stamp-jpeg, stamp-png (default all four), or mixed alone"
                    + " (the soak).")
    private List<String> scenarios;

    HttpBenchCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (connections <= 0) {
            throw new ParameterException(spec.commandLine(), "--connections must be a positive whole number");
        }
        Duration duration = duration("--duration", durationText, false);
        Duration warmup = duration("--warmup", warmupText, true);
        Duration interval = duration("--interval", intervalText, false);
        List<String> scenarios = this.scenarios == null ? DEFAULT_SCENARIOS : this.scenarios;
        for (String s : scenarios) {
            if (!SCENARIOS.contains(s)) {
                throw new ParameterException(spec.commandLine(), "unknown scenario '" + s + "'; known: "
                        + String.join(", ", SCENARIOS));
            }
        }
        if (forkServer && targetUrl.isPresent()) {
            throw new ParameterException(spec.commandLine(),
                    "--fork-server starts a server of its own; it does not take --target");
        }
        BenchImages images = BenchImages.from(image);

        ServeCommand.Running local = null;
        ServerProcess forked = null;
        String target;
        String key;
        Optional<String> adminKey = adminKeyOption;
        String database;
        SoakRun.Rss rss;
        // the service closes a connection idle for http.idle-timeout-ms (10 s by default); a client that keeps one
        // longer may send a request just as it is closed, and a POST is not retried
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "5");
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        if (targetUrl.isPresent()) {
            target = targetUrl.get().replaceAll("/+$", "");
            key = apiKey.orElseThrow(() -> new ParameterException(spec.commandLine(), "--api-key is required"));
            database = "(remote)";
            rss = new SoakRun.Rss(-1, "not measured: the server is not this process or its child");
        } else if (forkServer) {
            String heap = serverHeap;
            Path data = Path.of(this.data.orElseGet(HttpBenchCommand::temporaryDirectory));
            Map<String, String> serverEnv = new HashMap<>(UNLIMITED);
            db.ifPresent(url -> serverEnv.put("CREDMARK_DB_URL", url));
            forked = ServerProcess.start(data, heap, List.of(), serverEnv);
            target = forked.url();
            try {
                adminKey = Optional.of(forked.adminKey());
                key = createStampKey(client, target, adminKey.get());
            } catch (RuntimeException e) {
                forked.close();
                throw e;
            }
            database = db.orElse("H2 in " + data);
            rss = new SoakRun.Rss(forked.pid(), "VmRSS of the server JVM (pid " + forked.pid() + ", -Xms/-Xmx "
                    + heap + "), a child of this process");
        } else {
            List<String> serve = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0"));
            serve.addAll(List.of("--data", data.orElseGet(HttpBenchCommand::temporaryDirectory)));
            db.ifPresent(url -> serve.addAll(List.of("--db", url)));
            Map<String, String> unlimited = new HashMap<>(env);
            unlimited.putAll(UNLIMITED);
            local = new ServeCommand(unlimited).start(serve, new PrintStream(java.io.OutputStream.nullOutputStream()),
                    err);
            target = "http://127.0.0.1:" + local.server().port();
            NewApiKey k = local.node().apiKeys().create("bench-" + Long.toHexString(System.nanoTime()),
                    ApiKeyRole.STAMP);
            key = k.secret();
            Optional<NewApiKey> created = local.adminKey();
            adminKey = adminKey.or(() -> created.map(NewApiKey::secret));
            database = local.node().databaseDescription();
            rss = new SoakRun.Rss(ProcessHandle.current().pid(), "VmRSS of this process, which runs both the"
                    + " server and the load generator (use --fork-server for the server alone)");
        }
        try {
            if (scenarios.contains("mixed")) {
                if (scenarios.size() > 1) {
                    throw new ParameterException(spec.commandLine(), "the scenario 'mixed' runs alone");
                }
                Soak soak = new Soak(client, target, key, adminKey, images);
                out.printf(Locale.ROOT, "credmark soak: %s, database %s, %d connections, %ds warm-up + %ds"
                        + " measured, reported every %ds%n", target, database, connections, warmup.toSeconds(),
                        duration.toSeconds(), interval.toSeconds());
                MixedWorkload workload = soak.workload(out);
                out.println("mix: " + workload.describe());
                long errors = new SoakRun(client, workload, rss).run(connections, warmup, duration, interval, out);
                return errors == 0 ? 0 : 1;
            }
            LoadGenerator load = new LoadGenerator(client);
            HttpRequest stampPng = stamp(target, key, images.png(), "image/png");
            HttpRequest stampJpeg = stamp(target, key, images.jpeg(), "image/jpeg");
            byte[] stampedPng = once(client, stampPng);
            byte[] stampedJpeg = once(client, stampJpeg);
            out.printf(Locale.ROOT, "credmark bench: %s, database %s, %d connections, %ds warm-up + %ds measured%n",
                    target, database, connections, warmup.toSeconds(), duration.toSeconds());
            out.printf(Locale.ROOT, "inputs: 1000x1000 PNG %d bytes, JPEG %d bytes (stamped: %d, %d)%n",
                    images.png().length, images.jpeg().length, stampedPng.length, stampedJpeg.length);
            out.printf(Locale.ROOT, "%-12s %9s %7s %9s %8s %8s%n", "scenario", "requests", "errors", "req/s",
                    "p50 ms", "p99 ms");
            Predicate<HttpResponse<byte[]>> stamped = r -> r.statusCode() == 200;
            Predicate<HttpResponse<byte[]>> trusted = r -> r.statusCode() == 200
                    && new String(r.body(), StandardCharsets.UTF_8).contains("\"status\":\"trusted\"");
            int failures = 0;
            for (String s : scenarios) {
                LoadGenerator.Result r = switch (s) {
                    case "verify-jpeg" -> load.run(s, verify(target, stampedJpeg, "image/jpeg"), trusted, connections,
                            warmup, duration);
                    case "verify-png" -> load.run(s, verify(target, stampedPng, "image/png"), trusted, connections,
                            warmup, duration);
                    case "stamp-jpeg" -> load.run(s, stampJpeg, stamped, connections, warmup, duration);
                    case "stamp-png" -> load.run(s, stampPng, stamped, connections, warmup, duration);
                    default -> throw new IllegalStateException(s);
                };
                failures += r.errors();
                out.printf(Locale.ROOT, "%-12s %9d %7d %9.1f %8.1f %8.1f%n", r.name(), r.requests(), r.errors(),
                        r.perSecond(), r.percentileMillis(50), r.percentileMillis(99));
                out.flush();
            }
            return failures == 0 ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        } finally {
            if (local != null) {
                local.close();
            }
            if (forked != null) {
                forked.close();
            }
        }
    }

    /** Creates an API key of role stamp with the admin key; its secret. */
    private static String createStampKey(HttpClient client, String target, String adminKey) {
        HttpRequest create = HttpRequest.newBuilder(URI.create(target + "/v1/api-keys"))
                .header("Authorization", "Bearer " + adminKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"role\":\"stamp\"}")).build();
        String answer;
        try {
            answer = new String(once(client, create, 201), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted");
        }
        return answer.replaceAll("(?s).*\"key\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    }

    static HttpRequest stamp(String target, String key, byte[] image, String mediaType) {
        return stamp(target, key, image, mediaType, PROVENANCE, Optional.empty());
    }

    /** A stamp request with the given provenance document and, if present, options (e.g. the watermark off). */
    static HttpRequest stamp(String target, String key, byte[] image, String mediaType, String provenance,
            Optional<String> options) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(image.length + 4096);
        part(body, "image", "bench." + (mediaType.endsWith("png") ? "png" : "jpg"), mediaType, image);
        part(body, "provenance", null, "application/json", provenance.getBytes(StandardCharsets.UTF_8));
        options.ifPresent(o -> part(body, "options", null, "application/json", o.getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return HttpRequest.newBuilder(URI.create(target + "/v1/stamp"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    }

    private static HttpRequest verify(String target, byte[] image, String mediaType) {
        return HttpRequest.newBuilder(URI.create(target + "/v1/verify")).header("Content-Type", mediaType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build();
    }

    private static void part(ByteArrayOutputStream body, String name, String fileName, String type, byte[] content) {
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\nContent-Type: " + type
                + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] once(HttpClient client, HttpRequest request) throws InterruptedException {
        return once(client, request, 200);
    }

    static byte[] once(HttpClient client, HttpRequest request, int expected) throws InterruptedException {
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != expected) {
                throw new UsageException("preparing the benchmark failed: " + request.method() + " " + request.uri()
                        + " answered HTTP " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.body();
        } catch (IOException e) {
            throw new UsageException("cannot reach " + request.uri() + ": " + e.getMessage());
        }
    }

    /** Whole seconds, or an ISO-8601 duration such as {@code PT10M}. */
    private Duration duration(String option, String text, boolean zeroAllowed) {
        try {
            Duration d = text.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(text)) : Duration.parse(text);
            if (d.isNegative() || (d.isZero() && !zeroAllowed)) {
                throw new ParameterException(spec.commandLine(), option + " must be positive");
            }
            return d;
        } catch (java.time.format.DateTimeParseException | NumberFormatException e) {
            throw new ParameterException(spec.commandLine(),
                    option + " must be whole seconds or an ISO-8601 duration such as PT10M");
        }
    }

    private static String temporaryDirectory() {
        try {
            return Files.createTempDirectory("credmark-bench-").toString();
        } catch (IOException e) {
            throw new UsageException("cannot create a temporary data directory: " + e.getMessage());
        }
    }
}
