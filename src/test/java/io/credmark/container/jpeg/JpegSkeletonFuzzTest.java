package io.credmark.container.jpeg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.credmark.InvalidInputException;
import io.credmark.container.AssetHandlers;
import io.credmark.container.ContainerSkeleton;
import io.credmark.container.EmbeddingPlan;
import io.credmark.container.ParsedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Any bytes after SOI, as a file: its skeleton is refused with {@link InvalidInputException} only where the whole
 * file is refused too, and a skeleton read of a file the whole-file reader reads reads alike and expands back into
 * the file's bytes (docs/fuzzing.md). With bytes after EOI this walks the scans to EOI as {@link JpegSegmentReader}
 * does.
 */
class JpegSkeletonFuzzTest {

    private static final JpegHandler HANDLER = new JpegHandler();
    private static final Path FILE = temporaryFile();

    @FuzzTest
    void read(byte[] data) throws IOException {
        byte[] file = new byte[data.length + 2];
        file[0] = (byte) 0xFF;
        file[1] = (byte) JpegSegment.SOI;
        System.arraycopy(data, 0, file, 2, data.length);
        Files.write(FILE, file);
        ParsedImage whole;
        try {
            whole = HANDLER.read(file);
        } catch (InvalidInputException refused) {
            try {
                ContainerSkeleton.read(FILE);
            } catch (InvalidInputException expected) {
                // refused whole and as a skeleton
            }
            return;
        }
        Optional<ContainerSkeleton> read = ContainerSkeleton.read(FILE);
        if (read.isEmpty()) {
            return;
        }
        ContainerSkeleton skeleton = read.get();
        ParsedImage parsed = AssetHandlers.read(skeleton.bytes());
        assertEquals(whole.header(), parsed.header());
        assertEquals(whole.insertionOffset(), parsed.insertionOffset());
        assertEquals(whole.remoteManifestUrl(), parsed.remoteManifestUrl());
        ByteArrayOutputStream expanded = new ByteArrayOutputStream();
        EmbeddingPlan.replacingStores(parsed).expanding(skeleton).writeTo(expanded, new byte[0]);
        if (parsed.stores().isEmpty()) {
            assertArrayEquals(file, expanded.toByteArray());
        }
    }

    private static Path temporaryFile() {
        try {
            Path file = Files.createTempFile("jpeg-skeleton-fuzz", ".jpg");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
