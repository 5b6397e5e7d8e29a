package io.credmark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliFilesTest {

    @Test
    void anOutputGetsThePermissionsOfAPlainWriteAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path plain = Files.createFile(dir.resolve("plain"));
        Path out = dir.resolve("out.png");
        CliFiles.writeAtomically(out, o -> o.write(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(out));
        assertEquals(PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertTrue(Files.getPosixFilePermissions(out).size() > 2 || umaskIsOwnerOnly(plain),
                "readable by others under the usual umask");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "only the plain file and the output");
        }
    }

    @Test
    void aReplacedOutputKeepsItsPermissions(@TempDir Path dir) throws IOException {
        Path out = Files.createFile(dir.resolve("out.png"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r-----"));
        CliFiles.writeAtomically(out, o -> o.write(7));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertArrayEquals(new byte[] {7}, Files.readAllBytes(out));
    }

    @Test
    void secretsStayOwnerOnly(@TempDir Path dir) throws IOException {
        Path evidence = dir.resolve("evidence.json");
        CliFiles.writeOwnerOnly(evidence, o -> o.write('{'));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(evidence)));
    }

    @Test
    void aFailedWriteLeavesNeitherTargetNorTemporaryFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("out.png");
        UsageException e = assertThrows(UsageException.class, () -> CliFiles.writeAtomically(out, o -> {
            o.write(1);
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    private static boolean umaskIsOwnerOnly(Path plain) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(plain)).equals("rw-------");
    }
}
