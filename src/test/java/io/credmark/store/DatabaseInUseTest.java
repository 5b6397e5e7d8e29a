package io.credmark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default H2 file is locked against a second process, and opening it then says so by type. */
class DatabaseInUseTest {

    @TempDir
    Path dataDir;

    @Test
    void aFileAnotherProcessHoldsIsRefusedAsInUse() throws Exception {
        String url = Database.defaultUrl(dataDir);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), url)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("open", out.readLine());
            assertThrows(DatabaseInUseException.class, () -> Database.open(url, 2).close());
        } finally {
            holder.getOutputStream().close();
            if (!holder.waitFor(30, TimeUnit.SECONDS)) {
                holder.destroyForcibly();
            }
        }
    }

    /** Holds the database named by its argument open until its standard input closes. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (Database db = Database.open(args[0], 2)) {
                System.out.println("open");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // wait for the test to finish
                }
            }
        }
    }
}
