package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each node's own temporary directory, within one process; {@link SpillDirectoryIT} has the processes that die.
 */
class SpillDirectoryTest {

    @TempDir
    Path tmp;

    /** The files in a node's temporary directory and what is left of others', but not the nodes' lock files. */
    static List<Path> filesIn(Path tmpDir) throws IOException {
        try (Stream<Path> files = Files.walk(tmpDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().equals(SpillDirectory.LOCK_FILE)).sorted().toList();
        }
    }

    /**
     * {@link #filesIn} once the requests have ended: a request's files are removed when it ends, which the server
     * may get to after the client has the last byte of the answer (or, for a broken connection, when it next
     * reads). Waits up to 20 s for none to be left.
     */
    static List<Path> filesLeftIn(Path tmpDir) throws IOException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!filesIn(tmpDir).isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000_000L);
        }
        return filesIn(tmpDir);
    }

    @Test
    void eachNodeHasADirectoryOfItsOwnThatAnotherNodeStartingLeavesAndClosingRemoves() throws IOException {
        try (SpillDirectory first = SpillDirectory.open(tmp)) {
            Path upload = Files.writeString(first.path().resolve("credmark-body-1.part"), "in flight");
            try (SpillDirectory second = SpillDirectory.open(tmp)) {
                assertNotEquals(first.path(), second.path());
                assertEquals(tmp, second.path().getParent());
                assertTrue(Files.exists(upload), "the first node's upload survives the second's start");
            }
            assertEquals(List.of(first.path()), listing());
            assertEquals(List.of(upload), filesIn(tmp));
        }
        assertEquals(List.of(), listing());
    }

    @Test
    void aDirectoryWhoseLockNoProcessHoldsIsRemovedAtTheNextStart() throws IOException {
        Path dead = Files.createDirectory(tmp.resolve(SpillDirectory.PREFIX + "123"));
        Files.createFile(dead.resolve(SpillDirectory.LOCK_FILE));
        Files.writeString(dead.resolve("credmark-upload-1.tmp"), "left by a crash");
        try (SpillDirectory node = SpillDirectory.open(tmp)) {
            assertEquals(List.of(node.path()), listing());
        }
    }

    @Test
    void filesLeftInTheDirectoryItselfAreRemovedOnlyWhenOldAndNamedByCredmarkOrJetty() throws IOException {
        Instant old = Instant.now().minus(SpillDirectory.LEFT_OVER_AGE).minus(Duration.ofMinutes(1));
        Path oldBody = aged(tmp.resolve("credmark-body-1.part"), old);
        Path oldPart = aged(tmp.resolve("MultiPart123"), old);
        Path recentBody = aged(tmp.resolve("credmark-body-2.part"), Instant.now().minus(Duration.ofHours(1)));
        Path foreign = aged(tmp.resolve("report.txt"), old);
        Path lockless = Files.createDirectory(tmp.resolve(SpillDirectory.PREFIX + "recent"));
        try (SpillDirectory node = SpillDirectory.open(tmp)) {
            assertFalse(Files.exists(oldBody));
            assertFalse(Files.exists(oldPart));
            assertEquals(List.of(recentBody, foreign), filesIn(tmp));
            assertTrue(Files.isDirectory(lockless), "a directory without a lock file may be being removed: too new");
        }
    }

    private static Path aged(Path file, Instant modified) throws IOException {
        Files.writeString(file, "left");
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.sorted().toList();
        }
    }
}
