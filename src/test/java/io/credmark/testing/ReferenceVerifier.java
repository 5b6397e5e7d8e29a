package io.credmark.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference C2PA verifier (c2pa-rs compiled to WebAssembly, driven by {@code interop/verify.mjs}) on files
 * and returns its verdicts, so tests can prove that what credmark writes is accepted by the reference implementation.
 *
 * <p>Many files are checked by one {@code node} process (loading the wasm module is the expensive part). The
 * verifier works offline: no remote manifests, no OCSP.
 *
 * <p>Requirements: {@code node} (20 or later) on the {@code PATH} (or {@code -Dcredmark.node=/path/to/node}) and
 * {@code npm ci} run once in {@code interop/}. When either is missing every call throws an
 * {@link IllegalStateException} saying what to do; the harness never skips silently.
 *
 * <p>Instances are immutable; {@link #withTrustAnchors} and {@link #withAllowedList} return new ones.
 */
public final class ReferenceVerifier {

    /** Directory of the C2PA fixture copy, relative to the project root. */
    public static final String FIXTURES_DIR = "testdata/c2pa-fixtures";

    private static final String SCRIPT = "interop/verify.mjs";
    private static final String WASM_PACKAGE = "interop/node_modules/@contentauth/c2pa-wasm/package.json";
    private static final String NPM_HINT = "run `npm ci` in interop/ (needs Node.js 20 or later)";
    /** Files per node process, to stay far below command-line length limits. */
    private static final int BATCH = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path projectRoot;
    private final List<Path> trustAnchors;
    private final List<Path> allowedList;
    private final List<Path> cawgTrustAnchors;
    private final Duration timeout;

    private ReferenceVerifier(Path projectRoot, List<Path> trustAnchors, List<Path> allowedList, Duration timeout) {
        this(projectRoot, trustAnchors, allowedList, List.of(), timeout);
    }

    private ReferenceVerifier(Path projectRoot, List<Path> trustAnchors, List<Path> allowedList,
            List<Path> cawgTrustAnchors, Duration timeout) {
        this.projectRoot = projectRoot;
        this.trustAnchors = List.copyOf(trustAnchors);
        this.allowedList = List.copyOf(allowedList);
        this.cawgTrustAnchors = List.copyOf(cawgTrustAnchors);
        this.timeout = timeout;
    }

    /** A copy that also trusts these roots for CAWG identity credentials (c2pa-rs settings {@code cawg_trust}). */
    public ReferenceVerifier withCawgTrustAnchors(Path... pems) {
        List<Path> all = new ArrayList<>(cawgTrustAnchors);
        all.addAll(List.of(pems));
        return new ReferenceVerifier(projectRoot, trustAnchors, allowedList, all, timeout);
    }

    /** A verifier for this project with no trust anchors: every signer is reported as untrusted. */
    public static ReferenceVerifier create() {
        return create(findProjectRoot());
    }

    /** A verifier using the {@code interop/} directory under the given project root, with no trust anchors. */
    public static ReferenceVerifier create(Path projectRoot) {
        return new ReferenceVerifier(projectRoot.toAbsolutePath().normalize(), List.of(), List.of(),
                Duration.ofMinutes(5));
    }

    /**
     * A verifier that trusts the fixtures' test roots ({@code trust/test_cert_root_bundle.pem} and
     * {@code trust/generated-root.pem}), the anchors behind RESULTS.txt's "c2pa-rs (test anchors)" lines.
     */
    public static ReferenceVerifier withFixtureTrustAnchors() {
        Path root = findProjectRoot();
        Path trust = root.resolve(FIXTURES_DIR).resolve("trust");
        return create(root).withTrustAnchors(trust.resolve("test_cert_root_bundle.pem"),
                trust.resolve("generated-root.pem"));
    }

    /** The project root: the nearest directory, from the working directory upwards, holding {@value #SCRIPT}. */
    public static Path findProjectRoot() {
        List<String> starts = new ArrayList<>();
        String basedir = System.getProperty("basedir"); // set by Maven Surefire
        if (basedir != null) {
            starts.add(basedir);
        }
        starts.add(System.getProperty("user.dir"));
        for (String start : starts) {
            for (Path p = Path.of(start).toAbsolutePath().normalize(); p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve(SCRIPT)) && Files.isRegularFile(p.resolve("pom.xml"))) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("cannot find the project root (a directory with pom.xml and " + SCRIPT
                + ") above " + starts);
    }

    /** Resolves a path relative to the project root, e.g. {@code fixture("C.jpg")} for a C2PA fixture. */
    public Path projectFile(String relative) {
        return projectRoot.resolve(relative);
    }

    /** A file of {@value #FIXTURES_DIR}. */
    public Path fixture(String relative) {
        return projectRoot.resolve(FIXTURES_DIR).resolve(relative);
    }

    /** A copy that also trusts the roots/intermediates in these PEM files. */
    public ReferenceVerifier withTrustAnchors(Path... pems) {
        List<Path> all = new ArrayList<>(trustAnchors);
        all.addAll(List.of(pems));
        return new ReferenceVerifier(projectRoot, all, allowedList, cawgTrustAnchors, timeout);
    }

    /** A copy that also passes these PEM files as c2pa-rs's allowed list (end-entity certificates). */
    public ReferenceVerifier withAllowedList(Path... pems) {
        List<Path> all = new ArrayList<>(allowedList);
        all.addAll(List.of(pems));
        return new ReferenceVerifier(projectRoot, trustAnchors, all, cawgTrustAnchors, timeout);
    }

    /** A copy with another time limit per node process (default 5 minutes). */
    public ReferenceVerifier withTimeout(Duration limit) {
        return new ReferenceVerifier(projectRoot, trustAnchors, allowedList, cawgTrustAnchors, limit);
    }

    /** Verifies one file. */
    public ReferenceVerdict verify(Path file) {
        return verify(List.of(file)).get(0);
    }

    /** Verifies files; the verdicts come back in the same order. */
    public List<ReferenceVerdict> verify(List<Path> files) {
        Path script = checkInstalled();
        List<ReferenceVerdict> verdicts = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i += BATCH) {
            verdicts.addAll(run(script, files.subList(i, Math.min(files.size(), i + BATCH))));
        }
        return verdicts;
    }

    /** Verifies files and asserts that c2pa-rs has a verdict for each and trusts each with no failure code. */
    public void assertAllTrusted(List<Path> files) {
        List<ReferenceVerdict> verdicts = verify(files);
        assertEquals(files.size(), verdicts.size());
        for (ReferenceVerdict v : verdicts) {
            assertTrue(v.isTrusted() && v.failureCodes().isEmpty(), v.summary());
        }
    }

    private Path checkInstalled() {
        Path script = projectRoot.resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("reference verifier script not found: " + script);
        }
        String version;
        try {
            Result r = exec(List.of(node(), "--version"), Duration.ofSeconds(30));
            if (r.exit != 0) {
                throw new IllegalStateException("exit " + r.exit + ": " + r.stderr.strip());
            }
            version = r.stdout.strip();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Node.js is required for the reference C2PA verifier but `" + node()
                    + " --version` failed (" + e.getMessage() + "); install Node.js (or point -Dcredmark.node at it), "
                    + "then " + NPM_HINT, e);
        }
        if (!Files.isRegularFile(projectRoot.resolve(WASM_PACKAGE))) {
            throw new IllegalStateException("the reference C2PA verifier is not installed ("
                    + projectRoot.relativize(projectRoot.resolve(WASM_PACKAGE)) + " missing; node " + version + "): "
                    + NPM_HINT);
        }
        return script;
    }

    private static String node() {
        return System.getProperty("credmark.node", "node");
    }

    private List<ReferenceVerdict> run(Path script, List<Path> files) {
        List<String> cmd = new ArrayList<>();
        cmd.add(node());
        cmd.add(script.toString());
        for (Path p : trustAnchors) {
            cmd.add("--trust-anchors");
            cmd.add(p.toAbsolutePath().toString());
        }
        for (Path p : allowedList) {
            cmd.add("--allowed-list");
            cmd.add(p.toAbsolutePath().toString());
        }
        for (Path p : cawgTrustAnchors) {
            cmd.add("--cawg-trust-anchors");
            cmd.add(p.toAbsolutePath().toString());
        }
        cmd.add("--"); // file names that start with '-' stay file names
        for (Path f : files) {
            cmd.add(f.toAbsolutePath().toString());
        }
        Result r = exec(cmd, timeout);
        if (r.exit == 3) {
            throw new IllegalStateException("the reference C2PA verifier is not installed: " + NPM_HINT + "\n" + r.stderr);
        }
        if (r.exit != 0) {
            throw new IllegalStateException("interop/verify.mjs exited with " + r.exit + ":\n" + r.stderr);
        }
        JsonNode array;
        try {
            array = JSON.readTree(r.stdout);
        } catch (IOException e) {
            throw new IllegalStateException("interop/verify.mjs printed no valid JSON: " + e.getMessage()
                    + "\nstdout: " + abbreviate(r.stdout) + "\nstderr: " + abbreviate(r.stderr), e);
        }
        if (array == null || !array.isArray() || array.size() != files.size()) {
            throw new IllegalStateException("interop/verify.mjs returned " + (array == null ? "nothing"
                    : array.size() + " results") + " for " + files.size() + " files\nstderr: " + abbreviate(r.stderr));
        }
        List<ReferenceVerdict> out = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            JsonNode o = array.get(i);
            List<String> failures = new ArrayList<>();
            for (JsonNode f : o.path("failure")) {
                failures.add(f.path("code").asText());
            }
            out.add(new ReferenceVerdict(files.get(i), text(o, "validationState"), failures,
                    texts(o.path("success")), texts(o.path("informational")), text(o, "error")));
        }
        return out;
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) {
            out.add(v.asText());
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private Result exec(List<String> cmd, Duration limit) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(projectRoot.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + cmd.get(0) + ": " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
            FutureTask<String> out = drain(p.getInputStream(), "stdout");
            FutureTask<String> err = drain(p.getErrorStream(), "stderr");
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IllegalStateException(cmd.get(0) + " did not finish within " + limit);
            }
            return new Result(p.exitValue(), out.get(), err.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the output of " + cmd.get(0), e.getCause());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + cmd.get(0), e);
        }
    }

    /** Reads a process stream to the end on its own thread, so neither pipe can fill up and block node. */
    private static FutureTask<String> drain(InputStream in, String name) {
        FutureTask<String> task = new FutureTask<>(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        });
        Thread t = new Thread(task, "reference-verifier-" + name);
        t.setDaemon(true);
        t.start();
        return task;
    }
}
