package io.credmark.identity;

import io.credmark.bytes.Sha256;
import io.credmark.c2pa.sign.TimeStamp;
import io.credmark.c2pa.sign.TimeStampUnavailableException;
import io.credmark.c2pa.sign.TimeStamper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

/**
 * Obtains RFC 3161 time-stamps: builds the query (SHA-256 imprint, a nonce, the TSA's certificates asked for, as
 * C2PA verifiers need them to judge the TSA), sends it, and accepts the answer only when it is a granted token for
 * exactly this query (RFC 3161 §2.4.2: status, imprint, nonce).
 *
 * <p>Two transports: HTTP to any TSA ({@code application/timestamp-query}, RFC 3161 §3.4), or the built-in
 * authority in the same process, which speaks the same DER protocol without the network.
 */
public final class TimeStampClient implements TimeStamper {

    /** What c2pa-rs reserves for a token from a TSA it knows nothing about. */
    static final int EXTERNAL_RESERVE = 10_000;
    /** The token's CMS structure beyond the certificates: signed attributes, TSTInfo, signature. */
    private static final int TOKEN_OVERHEAD = 1_536;
    static final String QUERY_TYPE = "application/timestamp-query";
    static final String REPLY_TYPE = "application/timestamp-reply";

    private final Transport transport;
    private final int reserve;
    private final String name;
    private final SecureRandom random = new SecureRandom();

    private TimeStampClient(Transport transport, int reserve, String name) {
        this.transport = transport;
        this.reserve = reserve;
        this.name = name;
    }

    /** A client of a TSA reached over HTTP(S), giving up after {@code timeout}. */
    public static TimeStampClient http(URI url, Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return new TimeStampClient(query -> {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", QUERY_TYPE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(query)).build();
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            return response.body();
        }, EXTERNAL_RESERVE, url.toString());
    }

    /** A client of the built-in authority, in-process. */
    public static TimeStampClient local(TimeStampAuthority authority) {
        int certificates = 0;
        for (X509Certificate c : authority.chain()) {
            try {
                certificates += c.getEncoded().length;
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("the TSA certificate cannot be encoded", e);
            }
        }
        return new TimeStampClient(authority::respond, certificates + TOKEN_OVERHEAD, "the built-in TSA");
    }

    @Override
    public int reservedLength() {
        return reserve;
    }

    @Override
    public TimeStamp timeStamp(byte[] data) {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, Sha256.of(data),
                new BigInteger(63, random));
        byte[] answer;
        try {
            answer = transport.exchange(request.getEncoded());
        } catch (IOException e) {
            throw new TimeStampUnavailableException("the time-stamping authority " + name + " cannot be reached: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        try {
            TimeStampResponse response = new TimeStampResponse(answer);
            response.validate(request);
            TimeStampToken token = response.getTimeStampToken();
            if (token == null) {
                throw new TimeStampUnavailableException("the time-stamping authority " + name + " refused: "
                        + response.getStatusString());
            }
            byte[] encoded = token.getEncoded();
            if (encoded.length > reserve) {
                throw new TimeStampUnavailableException("the time-stamping authority " + name + " answered with a "
                        + encoded.length + "-byte token, more than the " + reserve + " bytes reserved for it");
            }
            return new TimeStamp(encoded, token.getTimeStampInfo().getGenTime().toInstant(), name);
        } catch (TSPException | IOException | IllegalArgumentException e) {
            throw new TimeStampUnavailableException("the time-stamping authority " + name
                    + " answered with no valid token for the query: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TimeStampClient[" + name + "]";
    }

    /** Sends a DER query and returns the DER answer. */
    @FunctionalInterface
    interface Transport {
        byte[] exchange(byte[] query) throws IOException;
    }
}
