package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.credmark.http.ApiClient.Answer;
import io.credmark.testing.ReferenceVerdict;
import io.credmark.testing.ReferenceVerifier;
import io.credmark.testing.TestDatabase;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in TSA over HTTP ({@code POST /tsa}), a node time-stamping with another node's TSA through
 * {@code tsa.url}, and what a stamp does when its TSA cannot be reached: 503 when a time-stamp is required, a stamp
 * that says it has none when not.
 */
class TimeStampingApiIT {

    @TempDir
    Path dir;

    @Test
    void theBuiltInTsaAnswersRfc3161QueriesOverHttp() throws Exception {
        try (TestService service = start("a", Map.of())) {
            TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
            generator.setCertReq(true);
            TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, new byte[32], BigInteger.TEN);
            Answer a = service.client().postRaw("/tsa", "application/timestamp-query", request.getEncoded());
            assertEquals(200, a.status(), a.toString());
            assertEquals("application/timestamp-reply", a.contentType());
            TimeStampResponse response = new TimeStampResponse(a.body());
            assertEquals(PKIStatus.GRANTED, response.getStatus());
            response.validate(request);

            ApiContract.assertProblem(service.client().postRaw("/tsa", "application/octet-stream",
                    request.getEncoded()), 415, "unsupported-media-type");
            ApiContract.assertProblem(service.client().postRaw("/tsa", "application/timestamp-query",
                    new byte[4096]), 413, "content-too-large");
        }
    }

    /** A node whose {@code tsa.url} is another node's {@code /tsa}: c2pa-rs trusts its time-stamp by that root. */
    @Test
    void aStampTimeStampedByAnExternalTsaIsTrustedWithThatTsasRoot() throws Exception {
        try (TestService tsa = start("tsa", Map.of());
                TestService signer = start("signer", Map.of("tsa.url", tsa.base + "/tsa"))) {
            Answer a = signer.client().stamp(signer.createStampKey(), ApiContract.image("rgb8.png"), "image/png",
                    ApiContract.example(), "Accept", "application/json");
            assertEquals(200, a.status(), a.toString());
            JsonNode timeStamp = a.json().get("timeStamp");
            assertTrue(timeStamp.get("stamped").asBoolean(), timeStamp.toString());
            assertEquals(tsa.base + "/tsa", timeStamp.get("authority").asText());
            assertNotNull(timeStamp.get("time"));

            Path out = dir.resolve("external-tsa.png");
            Files.write(out, Base64.getDecoder().decode(a.json().get("image").asText()));
            Path signerRoot = pem("signer-root.pem", signer.node.engine().developmentCa().rootPem());
            Path tsaRoot = pem("tsa-root.pem", tsa.node.engine().developmentCa().rootPem());
            ReferenceVerdict both = ReferenceVerifier.create().withTrustAnchors(signerRoot, tsaRoot).verify(out);
            assertTrue(both.isTrusted(), both.summary());
            assertTrue(both.successCodes().containsAll(List.of("timeStamp.validated", "timeStamp.trusted")),
                    both.successCodes().toString());
            // without the TSA's root the time-stamp still matches, but its authority is not trusted
            ReferenceVerdict signerOnly = ReferenceVerifier.create().withTrustAnchors(signerRoot).verify(out);
            assertTrue(signerOnly.isTrusted(), signerOnly.summary());
            assertTrue(signerOnly.successCodes().contains("timeStamp.validated"), signerOnly.successCodes().toString());
            assertFalse(signerOnly.successCodes().contains("timeStamp.trusted"), signerOnly.successCodes().toString());
        }
    }

    @Test
    void anUnreachableRequiredTsaFailsTheStampWith503() throws Exception {
        try (TestService service = start("required", Map.of("tsa.url", closedPortUrl()))) {
            Answer a = service.client().stamp(service.createStampKey(), ApiContract.image("rgb8.png"), "image/png",
                    ApiContract.example());
            ApiContract.assertProblem(a, 503, "service-unavailable");
            assertTrue(a.json().get("detail").asText().contains("cannot be reached"), a.toString());
            assertNotNull(a.header("Retry-After"));
        }
    }

    @Test
    void anUnreachableOptionalTsaGivesAStampThatSaysItHasNoTimeStamp() throws Exception {
        try (TestService service = start("optional", Map.of("tsa.url", closedPortUrl(), "tsa.required", "false"))) {
            String key = service.createStampKey();
            Answer image = service.client().stamp(key, ApiContract.image("rgb8.png"), "image/png",
                    ApiContract.example());
            assertEquals(200, image.status(), image.toString());
            assertTrue(image.header("Time-Stamp").startsWith("none; "), image.header("Time-Stamp"));
            assertTrue(image.header("Time-Stamp").contains("cannot be reached"), image.header("Time-Stamp"));

            JsonNode json = service.client().stamp(key, ApiContract.image("rgb8.png"), "image/png",
                    ApiContract.example(), "Accept", "application/json").json();
            assertFalse(json.at("/timeStamp/stamped").asBoolean());
            assertTrue(json.at("/timeStamp/reason").asText().contains("cannot be reached"), json.toString());
        }
    }

    private TestService start(String name, Map<String, String> settings) {
        return TestService.on(TestDatabase.H2, dir.resolve(name), settings);
    }

    private Path pem(String name, String pem) throws Exception {
        return Files.writeString(dir.resolve(name), pem);
    }

    private static String closedPortUrl() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/tsa";
        }
    }
}
