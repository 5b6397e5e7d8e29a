package io.credmark.pixels.watermark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatermarkKeyTest {

    @Test
    void createdOnceOwnerOnlyThenReused(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        WatermarkKey first = WatermarkKey.openOrCreate(data);
        Path file = data.resolve(WatermarkKey.FILE_NAME);
        assertTrue(Files.exists(file));
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        assertEquals(first, WatermarkKey.openOrCreate(data));
        assertEquals(65, Files.size(file));
        assertNotEquals(first, WatermarkKey.openOrCreate(dir.resolve("other")));
        try (var s = Files.list(data)) {
            assertEquals(1, s.count(), "no temporary files left behind");
        }
    }

    @Test
    void rejectsMalformedKeys(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(WatermarkKey.FILE_NAME), "not a key\n");
        assertThrows(IOException.class, () -> WatermarkKey.openOrCreate(dir));
        assertThrows(IllegalArgumentException.class, () -> WatermarkKey.of(new byte[16]));
        assertEquals("WatermarkKey[…]", WatermarkKey.random().toString());
    }
}
