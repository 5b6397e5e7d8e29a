package io.credmark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credmark.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Prepares the {@link MixedWorkload} against a service: registers the benchmark's creator (when an admin key is at
 * hand, for its public page and usage figures), stamps a few images to verify, view and report, and strips copies of
 * them down to their pixels so that only the watermark leads back.
 */
final class Soak {

    /** Credentials stamped before the run, which the views, look-ups and reports pick from. */
    private static final int CREDENTIALS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String target;
    private final String key;
    private final Optional<String> adminKey;
    private final BenchImages images;

    Soak(HttpClient client, String target, String key, Optional<String> adminKey, BenchImages images) {
        this.client = client;
        this.target = target;
        this.key = key;
        this.adminKey = adminKey;
        this.images = images;
    }

    MixedWorkload workload(PrintStream out) throws InterruptedException {
        String handle = "soak-" + Long.toHexString(System.nanoTime() & 0xFFFFFFL);
        Optional<String> token = adminKey.map(admin -> register(handle, admin));
        String provenance = provenance(token.isPresent() ? handle : "mirelle.ink");
        List<String> ids = new ArrayList<>();
        byte[] stampedPng = null;
        byte[] stampedJpeg = null;
        for (int i = 0; i < CREDENTIALS; i++) {
            boolean png = i % 2 == 0;
            JsonNode answer = stampJson(png ? images.png() : images.jpeg(), png ? "image/png" : "image/jpeg",
                    provenance);
            ids.add(answer.get("id").asText());
            if (!answer.at("/watermark/embedded").asBoolean()) {
                throw new UsageException("the service did not watermark the benchmark image: " + answer.get(
                        "watermark"));
            }
            byte[] file = Base64.getDecoder().decode(answer.get("image").asText());
            if (png && stampedPng == null) {
                stampedPng = file;
            } else if (!png && stampedJpeg == null) {
                stampedJpeg = file;
            }
        }
        byte[] strippedPng = Attacks.encodePng(Attacks.decode(stampedPng));
        byte[] strippedJpeg = Attacks.encodeJpeg(Attacks.decode(stampedJpeg), 90);
        out.printf(Locale.ROOT, "inputs: 1000x1000 PNG %d bytes, JPEG %d bytes; stamped %d, %d; stripped %d, %d;"
                + " %d credentials to view; creator %s%n", images.png().length, images.jpeg().length,
                stampedPng.length, stampedJpeg.length, strippedPng.length, strippedJpeg.length, ids.size(),
                token.isPresent() ? handle + " (registered)" : "not registered (no admin key): no usage reads");
        return new MixedWorkload(new MixedWorkload.Fixture(target,
                HttpBenchCommand.stamp(target, key, images.png(), "image/png", provenance, Optional.empty()),
                HttpBenchCommand.stamp(target, key, images.jpeg(), "image/jpeg", provenance, Optional.empty()),
                HttpBenchCommand.stamp(target, key, images.jpeg(), "image/jpeg", provenance,
                        Optional.of("{\"watermark\":false}")),
                stampedPng, stampedJpeg, strippedPng, strippedJpeg, images.jpeg(), List.copyOf(ids),
                token.isPresent() ? handle : "mirelle.ink", token));
    }

    private String register(String handle, String admin) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target + "/v1/creators"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"handle\":\"" + handle + "\"}")).build();
        try {
            return json(HttpBenchCommand.once(client, request, 201)).get("token").asText();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted");
        }
    }

    private JsonNode stampJson(byte[] image, String mediaType, String provenance) throws InterruptedException {
        HttpRequest stamp = HttpRequest.newBuilder(HttpBenchCommand.stamp(target, key, image, mediaType, provenance,
                Optional.empty()), (name, value) -> true).header("Accept", "application/json").build();
        return json(HttpBenchCommand.once(client, stamp));
    }

    private static JsonNode json(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UsageException("the service answered something other than JSON: " + e.getMessage());
        }
    }

    private static String provenance(String handle) {
        return HttpBenchCommand.PROVENANCE.replace("\"mirelle.ink\"", "\"" + handle + "\"");
    }
}
