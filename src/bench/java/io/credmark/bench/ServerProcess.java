package io.credmark.bench;

import io.credmark.cli.UsageException;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code credmark serve} in a JVM of its own with a fixed maximum heap, so that the server's resident memory can be
 * read apart from the load generator's (from {@code /proc/PID/status}) and a leak shows as growth rather than being
 * hidden in, or blamed on, the client. The heap is fixed and touched at start ({@code -Xms} = {@code -Xmx},
 * {@code -XX:+AlwaysPreTouch}), so that it is resident from the first figure on and any later growth of the resident
 * memory is memory outside the heap. Its output goes to {@code serve.log} in its data directory.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final String url;
    private final Path data;

    private ServerProcess(Process process, String url, Path data) {
        this.process = process;
        this.url = url;
        this.data = data;
    }

    /**
     * Starts the server on a free loopback port and waits until {@code /healthz} answers.
     *
     * @param heap the {@code -Xmx} value, e.g. {@code 1g}
     * @param env  settings for the server ({@code CREDMARK_*}), added to this process's environment
     */
    static ServerProcess start(Path data, String heap, List<String> serveArgs, Map<String, String> env) {
        int port = freePort();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + heap, "-Xms" + heap,
                "-XX:+AlwaysPreTouch",
                "-cp", System.getProperty("java.class.path"), "io.credmark.cli.Main", "serve",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--data", data.toString()));
        command.addAll(serveArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(data.resolve("serve.log").toFile());
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UsageException("cannot start the server JVM: " + e.getMessage());
        }
        ServerProcess server = new ServerProcess(process, "http://127.0.0.1:" + port, data);
        server.awaitHealthy(Duration.ofSeconds(120));
        return server;
    }

    String url() {
        return url;
    }

    long pid() {
        return process.pid();
    }

    /** The admin key the server wrote on its first start (its output is not a terminal). */
    String adminKey() {
        try {
            return Files.readString(data.resolve("admin-key.txt"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UsageException("the server wrote no admin key: " + e.getMessage() + "; see "
                    + data.resolve("serve.log"));
        }
    }

    private void awaitHealthy(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new UsageException("the server JVM exited with " + process.exitValue() + "; see "
                        + data.resolve("serve.log"));
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url + "/healthz")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UsageException("interrupted while waiting for the server");
            }
            sleep(250);
        }
        close();
        throw new UsageException("the server did not become healthy within " + timeout.toSeconds() + " s");
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UsageException("no free port: " + e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server as a signal would (its shutdown hook saves the usage counts), forcibly after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
