package io.credmark.cli;

import static io.credmark.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.cli.CliRunner.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The declared command line: help on every command, usage errors, completion, repeated options. */
class CommandLineTest {

    @TempDir
    Path dir;

    /** Each command with the options its documented usage names. */
    @ParameterizedTest
    @ValueSource(strings = {
        "stamp --in --out --provenance --data --alg --private=PATH]... --protected=PATH]... --disclosure"
                + " --evidence-out --mark --watermark --options",
        "verify FILE --trust-anchors=PEM]... --cawg-trust-anchors=PEM]... --evidence --data",
        "keys root --data",
        "keys rotate-signer --validity --alg --data",
        "keys create-api-key --name --role --data --db",
        "keys revoke-api-key --name --data --db",
        "keys list-api-keys --data --db",
        "keys reissue-identity --creator --data --db",
        "serve --port --host --data --db --public-url",
        "bench c2pa --png --jpeg --seconds --data --out",
        "bench http --target --api-key --data --db --image --connections --duration --warmup --scenarios",
        "bench stamp --images --seconds --data --verify-only",
        "bench watermark --images --out --threads --seed --no-pairs --timing-only",
        "completion"})
    void everyCommandAnswersHelpWithItsOptions(String usage) {
        List<String> words = List.of(usage.split(" "));
        int options = (int) words.stream().takeWhile(w -> !w.startsWith("-") && !w.equals("FILE")).count();
        String[] argv = java.util.stream.Stream.concat(words.subList(0, options).stream(), java.util.stream.Stream
                .of("--help")).toArray(String[]::new);
        Run r = run(argv);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Usage: credmark " + String.join(" ", words.subList(0, options)) + " "),
                r.out());
        for (String option : words.subList(options, words.size())) {
            assertTrue(r.out().contains(option), option + " in " + r.out());
        }
    }

    @Test
    void withoutACommandTheCommandsAreListedAndTheExitIsTwo() {
        Run none = run();
        assertEquals(2, none.exit());
        for (String command : List.of("stamp", "verify", "keys", "serve", "bench", "completion")) {
            assertTrue(none.out().contains("\n  " + command + " "), command + " in " + none.out());
        }
        Run help = run("help");
        assertEquals(0, help.exit());
        assertEquals(none.out(), help.out());
        Run stampHelp = run("help", "stamp");
        assertEquals(0, stampHelp.exit());
        assertEquals(run("stamp", "--help").out(), stampHelp.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"keys", "keys frobnicate", "keys root extra", "bench", "bench frobnicate",
        "bench http --connections 0", "bench http --duration x", "bench http --scenarios verify-gif",
        "bench http --target http://127.0.0.1:1", "bench watermark", "bench c2pa --seconds soon",
        "serve --port eighty", "stamp --mark=maybe", "keys rotate-signer --alg md5",
        "keys create-api-key --name x --role root"})
    void usageErrorsAreOneLineAndExitTwo(String argv) {
        Run r = run(argv.split(" "));
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("credmark: "), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aMisspeltOptionIsNamedRatherThanTheRequiredOptionItLeavesOut() {
        Run r = run("keys", "create-api-key", "--nme", "x");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("'--nme'"), r.err());
        Run missing = run("stamp", "--in", "x");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("'--out=OUT'") && missing.err().contains("'--provenance=PROV.json'"),
                missing.err());
    }

    @Test
    void completionKnowsTheCommandsSubcommandsAndOptions() {
        Run r = run("completion");
        assertEquals(0, r.exit(), r.err());
        for (String word : List.of("stamp", "rotate-signer", "create-api-key", "watermark", "'--provenance'",
                "'--trust-anchors'", "'--timing-only'")) {
            assertTrue(r.out().contains(word), word);
        }
    }

    @Test
    void aRepeatedSingleOptionTakesTheLastValue() {
        Run r = run("keys", "root", "--data", dir.resolve("first").toString(), "--data", dir.resolve("last")
                .toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isDirectory(dir.resolve("last")));
        assertFalse(Files.exists(dir.resolve("first")));
    }
}
