package io.credmark.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code credmark serve} in a JVM of its own, with a heap of its own, on a free loopback port: the service as it runs
 * in production, so that running out of memory in it cannot take the test down with it.
 */
final class ServedProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving on (http://127\\.0\\.0\\.1:\\d+)");

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final String base;
    private final Path dataDir;

    private ServedProcess(Process process, Path dataDir) throws InterruptedException {
        this.process = process;
        this.dataDir = dataDir;
        Thread reader = new Thread(() -> copy(process.getInputStream()), "served-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        String found = null;
        while (found == null) {
            Matcher m = SERVING.matcher(output);
            if (m.find()) {
                found = m.group(1);
            } else if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("credmark serve did not start:\n" + output);
            } else {
                Thread.sleep(100);
            }
        }
        this.base = found;
    }

    /**
     * @param heap     the child's {@code -Xmx}, e.g. {@code 1g}
     * @param settings written to {@code credmark.properties} in the data directory
     */
    static ServedProcess start(Path dataDir, String heap, Map<String, String> settings)
            throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        StringBuilder properties = new StringBuilder();
        settings.forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
        Files.writeString(dataDir.resolve("credmark.properties"), properties);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "io.credmark.cli.Main", "serve", "--host", "127.0.0.1", "--port", "0", "--data", dataDir.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new ServedProcess(p, dataDir);
    }

    ApiClient client() {
        return new ApiClient(base);
    }

    String base() {
        return base;
    }

    /** Creates a key of role stamp with the admin key the first start wrote to the data directory. */
    String createStampKey() throws IOException {
        String admin = Files.readString(dataDir.resolve("admin-key.txt")).strip();
        ApiClient.Answer created = client().postRaw("/v1/api-keys", "application/json",
                "{\"name\":\"front-end\",\"role\":\"stamp\"}".getBytes(StandardCharsets.UTF_8),
                "Authorization", "Bearer " + admin);
        if (created.status() != 201) {
            throw new AssertionError("creating the stamp key: " + created);
        }
        return created.json().get("key").asText();
    }

    /** Everything the child wrote to standard output and error so far. */
    String output() {
        return output.toString();
    }

    /** The child's peak resident set size in bytes ({@code VmHWM} in /proc), or -1 where there is no /proc. */
    long peakResidentBytes() throws IOException {
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the child as a crash would (SIGKILL): it removes nothing and releases nothing itself. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
