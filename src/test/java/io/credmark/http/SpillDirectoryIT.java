package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credmark.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nodes in processes of their own sharing one {@code tmp.dir}: a node that starts leaves a running node's upload in
 * flight, and removes what a killed node left.
 */
class SpillDirectoryIT {

    private static final int DECLARED = 4 << 20;
    private static final int SENT = 1 << 20;

    @Test
    void aStartingNodeLeavesARunningProcessesUploadAndRemovesAKilledOnes(@TempDir Path dir) throws Exception {
        Path shared = dir.resolve("tmp");
        Map<String, String> settings = Map.of("tmp.dir", shared.toString());
        try (ServedProcess served = ServedProcess.start(dir.resolve("served"), "256m", settings)) {
            Path servedDirectory = only(nodeDirectories(shared));
            URI uri = URI.create(served.base());
            try (Socket upload = new Socket(uri.getHost(), uri.getPort())) {
                OutputStream out = upload.getOutputStream();
                out.write(("POST /v1/verify HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Type: image/png"
                        + "\r\nContent-Length: " + DECLARED + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[SENT]);
                out.flush();
                List<Path> inFlight = awaitFilesIn(servedDirectory);

                try (TestService second = TestService.on(TestDatabase.H2, Files.createDirectory(dir.resolve("second")),
                        settings)) {
                    assertEquals(2, nodeDirectories(shared).size());
                    assertEquals(inFlight, SpillDirectoryTest.filesIn(servedDirectory),
                            "the running process's upload survives another node's start");
                    assertTrue(served.isAlive());

                    served.kill();
                    assertEquals(inFlight, SpillDirectoryTest.filesIn(servedDirectory), "a crash removes nothing");
                    try (TestService third = TestService.on(TestDatabase.H2,
                            Files.createDirectory(dir.resolve("third")), settings)) {
                        assertFalse(Files.exists(servedDirectory), "the killed process's directory is removed");
                        assertEquals(2, nodeDirectories(shared).size(), "the second node's and the third's");
                    }
                }
            }
        }
        assertEquals(List.of(), nodeDirectories(shared));
    }

    private static List<Path> awaitFilesIn(Path directory) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<Path> files = SpillDirectoryTest.filesIn(directory);
        while (files.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            files = SpillDirectoryTest.filesIn(directory);
        }
        assertEquals(1, files.size(), "the upload is received into the node's directory: " + files);
        return files;
    }

    private static List<Path> nodeDirectories(Path shared) throws IOException {
        try (Stream<Path> entries = Files.list(shared)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(SpillDirectory.PREFIX)).sorted().toList();
        }
    }

    private static Path only(List<Path> paths) {
        assertEquals(1, paths.size(), paths.toString());
        return paths.get(0);
    }
}
