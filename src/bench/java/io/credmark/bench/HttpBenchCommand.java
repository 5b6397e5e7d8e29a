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
 * service ({@code --target URL --api-key KEY}) or one started in this process on loopback ({@code --data},
 * {@code --db}). Prints requests per second, p50 and p99 latency and the error count per scenario.
 */
@Command(name = "http", description = "Stamp and verify under concurrent load, against a running service or one"
        + " started here on loopback.")
final class HttpBenchCommand implements Callable<Integer> {

    private static final String BOUNDARY = "credmark-bench-boundary-7d3f1a";
    private static final String PROVENANCE = """
            {"creator":{"handle":"mirelle.ink","displayName":"Mirelle Okafor"},
             "model":{"name":"Inkwash XL","version":"2.1"},
             "generation":{"prompt":"ink wash painting of a grey heron standing in a misty river at dawn",
               "negativePrompt":"photo, 3d render","seed":3735928559,"steps":30,"sampler":"DPM++ 2M",
               "cfgScale":6.5,"width":1000,"height":1000},
             "lineage":{"baseModels":[{"name":"Stable Diffusion XL Base","version":"1.0"}],
               "datasets":[{"name":"Own brush studies 2024-2025","license":"proprietary"}]},
             "usage":{"license":"CreativeML Open RAIL++-M","prohibited":["impersonating the creator"]}}
            """;
    private static final List<String> SCENARIOS = List.of("verify-jpeg", "verify-png", "stamp-jpeg", "stamp-png");

    @Spec
    private CommandSpec spec;
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--target", paramLabel = "URL", description = "A running service; default one started here.")
    private Optional<String> targetUrl = Optional.empty();
    @Option(names = "--api-key", paramLabel = "KEY", description = "A stamp key of the --target service.")
    private Optional<String> apiKey = Optional.empty();
    @Option(names = "--data", paramLabel = "DIR", description = "The started service's data directory.")
    private Optional<String> data = Optional.empty();
    @Option(names = "--db", paramLabel = "JDBC_URL", description = "The started service's database.")
    private Optional<String> db = Optional.empty();
    @Option(names = "--image", paramLabel = "FILE", defaultValue = "testdata/images/rgb8.png",
            description = "The image, scaled to one megapixel; default ${DEFAULT-VALUE}.")
    private Path image;
    @Option(names = "--connections", paramLabel = "N", defaultValue = "16", description = "Default ${DEFAULT-VALUE}.")
    private int connections;
    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "20",
            description = "Measured seconds a scenario; default ${DEFAULT-VALUE}.")
    private int durationSeconds;
    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "5",
            description = "Warm-up seconds a scenario; default ${DEFAULT-VALUE}.")
    private int warmupSeconds;
    @Option(names = "--scenarios", paramLabel = "NAME", split = ",",
            description = "Some of verify-jpeg, verify-png, stamp-jpeg, stamp-png; default all.")
    private List<String> scenarios;

    HttpBenchCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        int connections = positive("--connections", this.connections);
        Duration duration = Duration.ofSeconds(positive("--duration", durationSeconds));
        if (warmupSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must be a positive whole number");
        }
        Duration warmup = Duration.ofSeconds(warmupSeconds);
        List<String> scenarios = this.scenarios == null ? SCENARIOS : this.scenarios;
        for (String s : scenarios) {
            if (!SCENARIOS.contains(s)) {
                throw new ParameterException(spec.commandLine(), "unknown scenario '" + s + "'; known: "
                        + String.join(", ", SCENARIOS));
            }
        }
        BenchImages images = BenchImages.from(image);

        ServeCommand.Running local = null;
        String target;
        String key;
        String database;
        if (targetUrl.isPresent()) {
            target = targetUrl.get().replaceAll("/+$", "");
            key = apiKey.orElseThrow(() -> new ParameterException(spec.commandLine(), "--api-key is required"));
            database = "(remote)";
        } else {
            List<String> serve = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0"));
            serve.addAll(List.of("--data", data.orElseGet(HttpBenchCommand::temporaryDirectory)));
            db.ifPresent(url -> serve.addAll(List.of("--db", url)));
            // the benchmark is one client that saturates the service on purpose: no per-client rate limits
            Map<String, String> unlimited = new java.util.HashMap<>(env);
            for (String budget : List.of("STAMP", "VERIFY", "LOOKUP")) {
                unlimited.put("CREDMARK_RATELIMIT_" + budget + "_PER_MINUTE", "0");
            }
            local = new ServeCommand(unlimited).start(serve, new PrintStream(java.io.OutputStream.nullOutputStream()),
                    err);
            target = "http://127.0.0.1:" + local.server().port();
            NewApiKey k = local.node().apiKeys().create("bench-" + Long.toHexString(System.nanoTime()),
                    ApiKeyRole.STAMP);
            key = k.secret();
            database = local.node().databaseDescription();
        }
        try {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
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
        }
    }

    private static HttpRequest stamp(String target, String key, byte[] image, String mediaType) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(image.length + 4096);
        part(body, "image", "bench." + (mediaType.endsWith("png") ? "png" : "jpg"), mediaType, image);
        part(body, "provenance", null, "application/json", PROVENANCE.getBytes(StandardCharsets.UTF_8));
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

    private static byte[] once(HttpClient client, HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new UsageException("stamping the benchmark input failed: HTTP " + r.statusCode() + " "
                        + new String(r.body(), StandardCharsets.UTF_8));
            }
            return r.body();
        } catch (IOException e) {
            throw new UsageException("cannot reach " + request.uri() + ": " + e.getMessage());
        }
    }

    private int positive(String option, int n) {
        if (n <= 0) {
            throw new ParameterException(spec.commandLine(), option + " must be a positive whole number");
        }
        return n;
    }

    private static String temporaryDirectory() {
        try {
            return Files.createTempDirectory("credmark-bench-").toString();
        } catch (IOException e) {
            throw new UsageException("cannot create a temporary data directory: " + e.getMessage());
        }
    }
}
