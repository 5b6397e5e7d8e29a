package io.credmark.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The committed test inputs under {@code testdata/}. */
public final class Corpus {

    private Corpus() {
    }

    public static Path root() {
        return ReferenceVerifier.findProjectRoot();
    }

    public static Path file(String relative) {
        return root().resolve(relative);
    }

    /** Every stamping input in {@code testdata/images}: PNG and JPEG of many kinds. */
    public static List<Path> images() {
        return list(file("testdata/images"), p -> p.toString().endsWith(".png") || p.toString().endsWith(".jpg"));
    }

    /** Every file of the malformed corpus (see its README). */
    public static List<Path> malformed() {
        return list(file("testdata/malformed"), p -> !p.toString().endsWith(".md") && !p.toString().endsWith(".py"));
    }

    public static byte[] bytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String relative) {
        return bytes(file(relative));
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(keep).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
