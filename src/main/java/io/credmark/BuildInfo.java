package io.credmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts the build writes into the jar ({@code build.properties}, filled in by Maven), read once. */
public final class BuildInfo {

    private static final String VERSION = load().getProperty("version");

    private BuildInfo() {
    }

    /** This build's version, as in the POM (e.g. {@code 0.1.0} or {@code 0.2.0-SNAPSHOT}). */
    public static String version() {
        return VERSION;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing from the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
