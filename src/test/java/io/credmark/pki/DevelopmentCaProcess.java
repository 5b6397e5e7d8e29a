package io.credmark.pki;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Run in a separate JVM by {@link DevelopmentCaTest}: says "ready", waits for the start file so that all processes
 * race together, then opens the CA and prints its signer's serial number.
 */
public final class DevelopmentCaProcess {

    private DevelopmentCaProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args[0]);
        Path startFile = Path.of(args[1]);
        System.out.println("ready");
        System.out.flush();
        while (!Files.exists(startFile)) {
            Thread.sleep(1);
        }
        DevelopmentCa ca = DevelopmentCa.openOrCreate(dataDir);
        System.out.println(ca.signer().leaf().getSerialNumber().toString(16));
    }
}
