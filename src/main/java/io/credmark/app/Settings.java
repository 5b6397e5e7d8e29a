package io.credmark.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * credmark's configuration, resolved in this order: command-line options, environment variables
 * ({@code CREDMARK_*}), the file {@code credmark.properties} in the data directory, defaults.
 *
 * <p>Keys (environment name in brackets): {@code signer.algorithm} [CREDMARK_SIGNER_ALGORITHM] es256 | es384 |
 * ps256 | ed25519 for the development CA; {@code signer.certificates} + {@code signer.key} (+
 * {@code signer.key.password}) for a PEM chain and key, or {@code signer.pkcs12} (+ {@code signer.pkcs12.password},
 * {@code signer.pkcs12.alias}), or {@code signer.pkcs11.config} (a SunPKCS11 configuration file) + {@code
 * signer.pkcs11.pin} (+ {@code signer.pkcs11.alias}) for a key in an HSM; {@code trust.anchors}, comma-separated PEM files; {@code limits.max-bytes},
 * {@code limits.max-pixels}; {@code png.deflate-level} [CREDMARK_PNG_DEFLATE_LEVEL], the zlib level of PNGs whose
 * pixels a stamp changes (1 to 9, default 1: fastest); {@code limits.max-file-bytes}, the largest image file the command line reads (default
 * 1 GiB; a metadata-only stamp decodes no pixel, so a large upscale is fine); {@code limits.max-upload-bytes}, the
 * largest image the service takes (default 256 MiB; over {@code limits.max-bytes} only for metadata-only stamps and
 * verify, which stream it); {@code limits.stream-from-bytes}, the file or upload size from which a metadata-only
 * stamp and verify read the image data from the file instead of memory (default 16 MiB); {@code tmp.dir}
 * [CREDMARK_TMP_DIR], where the service receives large uploads and writes large stamped files (default
 * {@code tmp} in the data directory); {@code limits.pixelBudget}, bytes of decoded pixels all stamps and watermark
 * searches
 * may hold at once (default half the maximum heap), and {@code limits.pixelWaitMillis}, how long one waits for room; {@code db.url} [CREDMARK_DB_URL]; {@code public.url} [CREDMARK_PUBLIC_URL];
 * {@code watermark.key} [CREDMARK_WATERMARK_KEY], a file of 64 hex digits (default: {@code watermark.key} in the
 * data directory, made on first use); {@code store.key} [CREDMARK_STORE_KEY], a file of 64 hex digits, the AES-256
 * key that seals provenance documents and disclosures in the database (default: {@code store.key} in the data
 * directory, made on first use); {@code tsa.url} [CREDMARK_TSA_URL], an RFC 3161 time-stamping authority
 * (default: the built-in one; {@code none}: no time-stamps) and {@code tsa.required} (default true: a stamp fails
 * when the TSA cannot be reached; false: it is made without a time-stamp and says so).
 */
public final class Settings {

    public static final String FILE_NAME = "credmark.properties";
    /** Files from this size on are read as their skeleton when no pixel is needed. */
    public static final long DEFAULT_STREAM_FROM_BYTES = 16L << 20;
    /**
     * zlib's fastest level. On the benchmark images it writes a PNG in 65–80 % of level 4's time, for files up to
     * a fifth larger on smooth art and the same size on grainy photographs; level 9 writes art about a quarter
     * smaller than level 1, in 20 times the time.
     */
    public static final int DEFAULT_PNG_DEFLATE_LEVEL = 1;
    /**
     * Uploads of up to this size are taken: a metadata-only stamp or verify of one holds only its metadata in
     * memory, the rest waits on disk.
     */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 256L << 20;

    private final Path dataDir;
    private final Map<String, String> overrides;
    private final Map<String, String> environment;
    private final Properties file = new Properties();

    private Settings(Path dataDir, Map<String, String> overrides, Map<String, String> environment) {
        this.dataDir = dataDir;
        this.overrides = Map.copyOf(overrides);
        this.environment = Map.copyOf(environment);
        Path config = dataDir.resolve(FILE_NAME);
        if (Files.isRegularFile(config)) {
            try (Reader r = Files.newBufferedReader(config)) {
                file.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigurationException(
                        "cannot read " + FILE_NAME + " in the data directory: " + e.getMessage(), e);
            }
        }
    }

    /**
     * @param dataDirOption the {@code --data} option, if given
     * @param overrides     other command-line options, by property key
     */
    public static Settings resolve(Optional<String> dataDirOption, Map<String, String> overrides,
            Map<String, String> environment) {
        String dir = dataDirOption.or(() -> Optional.ofNullable(environment.get("CREDMARK_DATA")))
                .orElse("credmark-data");
        return new Settings(Path.of(dir), overrides, environment);
    }

    public static Settings of(Path dataDir) {
        return new Settings(dataDir, Map.of(), Map.of());
    }

    /** These settings with {@code key} set as if given on the command line. */
    public Settings with(String key, String value) {
        Map<String, String> more = new java.util.HashMap<>(overrides);
        more.put(key, value);
        return new Settings(dataDir, more, environment);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Optional<String> get(String key) {
        String v = overrides.get(key);
        if (v == null) {
            v = environment.get("CREDMARK_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_')
                    .replace('-', '_'));
        }
        if (v == null) {
            v = file.getProperty(key);
        }
        return Optional.ofNullable(v).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** A path setting; relative paths are taken from the data directory when given in the file. */
    public Optional<Path> path(String key) {
        return get(key).map(p -> overrides.containsKey(key) || environment.containsKey(envName(key))
                ? Path.of(p) : dataDir.resolve(p));
    }

    public List<Path> paths(String key) {
        List<Path> out = new ArrayList<>();
        get(key).ifPresent(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> overrides.containsKey(key) || environment.containsKey(envName(key)) ? Path.of(s)
                        : dataDir.resolve(s))
                .forEach(out::add));
        return out;
    }

    /** {@code limits.stream-from-bytes}: files from this size on are read as their skeleton when no pixel is needed. */
    public long streamFromBytes() {
        return positive("limits.stream-from-bytes", DEFAULT_STREAM_FROM_BYTES);
    }

    /** {@code limits.max-upload-bytes}: the largest image upload the service receives. */
    public long maxUploadBytes() {
        return positive("limits.max-upload-bytes", DEFAULT_MAX_UPLOAD_BYTES);
    }

    /**
     * {@code png.deflate-level}: the zlib level, 1 to 9, of a PNG whose pixels a stamp changes (mark or watermark).
     * Level 1, the default, writes fastest; higher levels write smaller files more slowly (see docs/watermark.md).
     */
    public int pngDeflateLevel() {
        long level = number("png.deflate-level", DEFAULT_PNG_DEFLATE_LEVEL);
        if (level < 1 || level > 9) {
            throw new ConfigurationException("png.deflate-level must be a zlib level from 1 to 9");
        }
        return (int) level;
    }

    /** {@code tmp.dir}: where the service keeps uploads and stamped files too large for memory while it works. */
    public Path tempDirectory() {
        return path("tmp.dir").orElse(dataDir.resolve("tmp"));
    }

    private long positive(String key, long defaultValue) {
        long n = number(key, defaultValue);
        if (n <= 0) {
            throw new ConfigurationException(key + " must be a positive number");
        }
        return n;
    }

    public long number(String key, long defaultValue) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key + " must be a number");
        }
    }

    public Optional<char[]> secret(String key) {
        return get(key).map(String::toCharArray);
    }

    private static String envName(String key) {
        return "CREDMARK_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
