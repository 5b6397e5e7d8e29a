package io.credmark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.cli.CliRunner.Run;
import io.credmark.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code serve}, {@code keys …-api-key} and {@code bench} as a user runs them. */
class ServiceCommandsIT {

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void apiKeysMadeOnTheCommandLineWorkAgainstTheServiceUntilRevoked(TestDatabase kind, @TempDir Path dir)
            throws Exception {
        try (TestDatabase.Provisioned db = kind.provision(dir)) {
            List<String> where = kind == TestDatabase.H2 ? List.of("--data", dir.toString())
                    : List.of("--db", db.url(), "--data", dir.toString());

            Run created = run(with(List.of("keys", "create-api-key", "--name", "cli-front-end"), where));
            assertEquals(0, created.exit(), created.err());
            String key = created.out().strip();
            assertTrue(key.matches("cmk_[A-Za-z0-9_-]{43}"), created.out());
            assertTrue(created.err().contains("shown only this once"), created.err());

            Run duplicate = run(with(List.of("keys", "create-api-key", "--name", "cli-front-end"), where));
            assertEquals(2, duplicate.exit());
            assertEquals(1, duplicate.err().lines().count(), duplicate.err());
            assertEquals(2, run(with(List.of("keys", "create-api-key", "--name", "No Spaces"), where)).exit());
            assertEquals(2, run(with(List.of("keys", "create-api-key", "--name", "x", "--role", "root"), where)).exit());
            assertEquals(2, run(List.of("keys", "create-api-key", "--nme", "x")).exit());

            List<String> serve = with(List.of("--host", "127.0.0.1", "--port", "0"), where);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ServeCommand.Running running = new ServeCommand(Map.of()).start(serve, print(out), print(
                    new ByteArrayOutputStream()))) {
                String base = "http://127.0.0.1:" + running.server().port();
                String printed = out.toString(StandardCharsets.UTF_8);
                assertTrue(running.adminKey().isPresent());
                // output that is not a terminal may be a log: the key goes to an owner-only file instead
                String secret = running.adminKey().get().secret();
                assertFalse(printed.contains(secret), "the admin key is not printed where it could be logged");
                Path keyFile = dir.resolve(ServeCommand.ADMIN_KEY_FILE);
                assertEquals(secret, Files.readString(keyFile).strip());
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
                assertEquals(200, stamp(base, key));
                // (an H2 file is locked against other processes, not against this one)
                Run revoked = run(with(List.of("keys", "revoke-api-key", "--name", "cli-front-end"), where));
                assertEquals(0, revoked.exit(), revoked.err());
                assertTrue(revoked.out().startsWith("revoked cli-front-end at "), revoked.out());
                assertEquals(403, stamp(base, key), "revoked while the service runs");
            }
            Run list = run(with(List.of("keys", "list-api-keys"), where));
            assertEquals(0, list.exit(), list.err());
            assertTrue(list.out().contains("admin\tadmin\tcreated "), list.out());
            assertTrue(list.out().lines().anyMatch(l -> l.startsWith("cli-front-end\tstamp\t") && l.contains("revoked")),
                    list.out());
            assertEquals(2, run(with(List.of("keys", "revoke-api-key", "--name", "nobody"), where)).exit());

            ByteArrayOutputStream again = new ByteArrayOutputStream();
            try (ServeCommand.Running running = new ServeCommand(Map.of()).start(serve, print(again), print(
                    new ByteArrayOutputStream()))) {
                assertTrue(running.adminKey().isEmpty());
                assertEquals("", again.toString(StandardCharsets.UTF_8), "the admin key is printed only once");
                assertEquals(403, stamp("http://127.0.0.1:" + running.server().port(), key));
            }
        }
    }

    @Test
    void serveRefusesBadOptionsWithOneLine(@TempDir Path dir) {
        for (List<String> argv : List.of(List.of("serve", "--port", "70000", "--data", dir.toString()),
                List.of("serve", "--public-url", "ftp://x", "--port", "0", "--host", "127.0.0.1", "--data",
                        dir.toString()),
                List.of("serve", "--db", "jdbc:mysql://x/y", "--port", "0", "--host", "127.0.0.1", "--data",
                        dir.toString()),
                List.of("serve", "extra"))) {
            Run r = run(argv);
            assertEquals(2, r.exit(), argv + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void theBenchmarkRunsAgainstAnInProcessService(@TempDir Path dir) {
        Run r = run(List.of("bench", "http", "--data", dir.toString(), "--duration", "4", "--warmup", "2",
                "--connections", "2", "--scenarios", "verify-jpeg,stamp-png"));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("scenario"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("verify-jpeg +[1-9][0-9]* +0 .*")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("stamp-png +[1-9][0-9]* +0 .*")), r.out());
    }

    private static int stamp(String base, String key) throws Exception {
        String boundary = "b0undary";
        byte[] image = Files.readAllBytes(Path.of("testdata/images/rgb8.png"));
        byte[] provenance = Files.readAllBytes(Path.of("testdata/provenance/minimal.json"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\""
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(image);
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"provenance\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(provenance);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/v1/stamp"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode();
    }

    private static List<String> with(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static Run run(List<String> argv) {
        return CliRunner.run(argv.toArray(String[]::new));
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
