package io.credmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process, as {@code java -jar credmark.jar …} would. */
public final class CliRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run printed, and its exit code. */
    public record Run(int exit, String out, String err) {
        /** Standard output read as JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + out + err, e);
            }
        }
    }

    private CliRunner() {
    }

    /** Runs with these arguments and an empty environment; what it printed. */
    public static Run run(String... args) {
        return run(Map.of(), args);
    }

    /** Runs with these arguments and this environment; what it printed. */
    public static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
