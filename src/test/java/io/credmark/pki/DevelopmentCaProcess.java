package io.credmark.pki;

import java.nio.file.Path;

/** Run in a separate JVM by {@link DevelopmentCaTest}: opens a CA and prints its signer's serial number. */
public final class DevelopmentCaProcess {

    private DevelopmentCaProcess() {
    }

    public static void main(String[] args) {
        DevelopmentCa ca = DevelopmentCa.openOrCreate(Path.of(args[0]));
        System.out.println(ca.signer().leaf().getSerialNumber().toString(16));
    }
}
