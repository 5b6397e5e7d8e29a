package io.credmark.bench;

import io.credmark.credential.CredentialId;
import io.credmark.credential.WatermarkPayload;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The traffic of a service that front ends stamp through and the public checks images with, in fixed shares of 100
 * requests: most requests verify an image (as it was stamped, stripped of its metadata so that only the watermark
 * leads back, or never stamped at all) or view a credential; fewer stamp; a few look a watermark up, file a misuse
 * report, or view the creator's public page or usage figures (these two only when the benchmark registered the
 * creator, which takes the admin key).
 */
final class MixedWorkload {

    /** One kind of request, its share of the traffic, and what a correct answer is. */
    record Operation(String name, int share, Function<SplittableRandom, HttpRequest> request,
            Predicate<HttpResponse<byte[]>> ok) {
    }

    /** What the requests use: images stamped once before the run, and keys. */
    record Fixture(String target, HttpRequest stampPng, HttpRequest stampJpeg, HttpRequest stampUnmarked,
            byte[] stampedPng, byte[] stampedJpeg, byte[] strippedPng, byte[] strippedJpeg, byte[] unmarkedJpeg,
            List<String> credentialIds, String creatorHandle, Optional<String> creatorToken) {
    }

    private final List<Operation> operations;
    private final int total;

    MixedWorkload(Fixture f) {
        Predicate<HttpResponse<byte[]>> ok = r -> r.statusCode() == 200;
        this.operations = List.of(
                new Operation("verify-stamped", 30, random -> random.nextBoolean()
                        ? verify(f.target(), f.stampedJpeg(), "image/jpeg")
                        : verify(f.target(), f.stampedPng(), "image/png"), status("trusted")),
                new Operation("verify-stripped", 10, random -> random.nextBoolean()
                        ? verify(f.target(), f.strippedJpeg(), "image/jpeg")
                        : verify(f.target(), f.strippedPng(), "image/png"), status("recovered")),
                new Operation("verify-unmarked", 10, random -> verify(f.target(), f.unmarkedJpeg(), "image/jpeg"),
                        status("none")),
                new Operation("credential-json", 12, random -> get(f.target() + "/v1/credentials/"
                        + pick(f.credentialIds(), random)), ok),
                new Operation("credential-page", 12, random -> get(f.target() + "/c/"
                        + pick(f.credentialIds(), random)), ok),
                new Operation("creator-page", f.creatorToken().isPresent() ? 3 : 0, random -> get(f.target() + "/u/" + f.creatorHandle()), ok),
                new Operation("match-by-binding", 5, random -> get(f.target()
                        + "/matches/byBinding?alg=" + WatermarkPayload.ALG + "&value=" + WatermarkPayload.base64(
                        WatermarkPayload.of(CredentialId.parse(pick(f.credentialIds(), random)).orElseThrow()))
                        .replace("+", "%2B").replace("/", "%2F")), ok),
                new Operation("stamp-watermarked", 12, random -> random.nextBoolean() ? f.stampJpeg() : f.stampPng(),
                        ok),
                new Operation("stamp-unmarked", 3, random -> f.stampUnmarked(), ok),
                new Operation("report", 1, random -> report(f.target(), pick(f.credentialIds(), random)),
                        r -> r.statusCode() == 201),
                new Operation("usage-read", f.creatorToken().isPresent() ? 2 : 0, random -> HttpRequest.newBuilder(
                        URI.create(f.target() + "/v1/creators/" + f.creatorHandle() + "/usage"))
                        .header("Authorization", "Bearer " + f.creatorToken().orElseThrow()).build(), ok));
        this.total = operations.stream().mapToInt(Operation::share).sum();
    }

    List<Operation> operations() {
        return operations;
    }

    /** An operation drawn by its share. */
    Operation next(SplittableRandom random) {
        int n = random.nextInt(total);
        for (Operation o : operations) {
            n -= o.share();
            if (n < 0) {
                return o;
            }
        }
        throw new IllegalStateException();
    }

    /** The shares as printed before a run, e.g. {@code verify-stamped 30%, …}. */
    String describe() {
        StringBuilder s = new StringBuilder();
        for (Operation o : operations) {
            if (o.share() > 0) {
                s.append(s.isEmpty() ? "" : ", ").append(o.name()).append(' ')
                        .append(Math.round(100.0 * o.share() / total)).append('%');
            }
        }
        return s.toString();
    }

    private static Predicate<HttpResponse<byte[]>> status(String expected) {
        return r -> r.statusCode() == 200 && new String(r.body(), StandardCharsets.UTF_8)
                .contains("\"status\":\"" + expected + "\"");
    }

    private static String pick(List<String> ids, SplittableRandom random) {
        return ids.get(random.nextInt(ids.size()));
    }

    static HttpRequest verify(String target, byte[] image, String mediaType) {
        return HttpRequest.newBuilder(URI.create(target + "/v1/verify")).header("Content-Type", mediaType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build();
    }

    private static HttpRequest get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).build();
    }

    private static HttpRequest report(String target, String id) {
        String body = "{\"category\":\"misattribution\",\"message\":\"load test report\"}";
        return HttpRequest.newBuilder(URI.create(target + "/v1/credentials/" + id + "/reports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
    }
}
