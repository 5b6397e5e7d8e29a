package io.credmark.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.InvalidInputException;
import io.credmark.Json;
import io.credmark.store.OutboxRecord;
import io.credmark.store.UsageRepository;
import io.credmark.store.WebhookRepository;
import io.credmark.store.WebhookRepository.Outcome;
import io.credmark.store.WebhookRepository.WebhookRecord;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's deliveries: a JSON body, signed with HMAC-SHA256 under the creator's secret
 * ({@value #SIGNATURE_HEADER}: {@code sha256=HEX}), retried with exponential backoff until the receiver answers
 * 2xx. Every delivery names its event ({@value #DELIVERY_HEADER}); a receiver that sees an id twice (possible only
 * when a node dies between the receiver's answer and the commit) can drop the second.
 */
public final class WebhookDelivery {

    public static final String SIGNATURE_HEADER = "X-Credmark-Signature";
    public static final String DELIVERY_HEADER = "X-Credmark-Delivery";
    public static final String EVENT_HEADER = "X-Credmark-Event";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final ObjectMapper JSON = Json.mapper();
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    /** Deliveries sent per round, so that one round ends and the next can start on time. */
    private static final int PER_ROUND = 50;

    private final WebhookRepository outbox;
    private final UsageRepository usage;
    private final WebhookTarget target;
    private final Duration retryBase;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public WebhookDelivery(WebhookRepository outbox, UsageRepository usage, WebhookTarget target, Duration retryBase,
            Clock clock) {
        this.outbox = outbox;
        this.usage = usage;
        this.target = target;
        this.retryBase = retryBase;
        this.clock = clock;
    }

    /** Sends what is due. @return deliveries attempted */
    public int round() {
        int n = 0;
        while (n < PER_ROUND && outbox.deliverNext(clock.instant(), this::send)) {
            n++;
        }
        return n;
    }

    /** Queues yesterday's digest for every creator with a webhook; each digest is queued once, by any node. */
    public void queueDigests(LocalDate day) {
        for (String handle : outbox.handles()) {
            ObjectNode body = JSON.createObjectNode();
            body.put("type", "digest");
            body.put("creator", handle);
            body.put("day", day.toString());
            ObjectNode totals = body.putObject("totals");
            ObjectNode models = body.putObject("models");
            for (UsageRepository.Figure f : usage.byCreator(handle, day, day, Optional.empty())) {
                totals.put(f.event(), totals.path(f.event()).asLong() + f.count());
                ObjectNode m = models.has(f.model()) ? (ObjectNode) models.get(f.model()) : models.putObject(f.model());
                m.put(f.event(), m.path(f.event()).asLong() + f.count());
            }
            outbox.enqueueOnce(new OutboxRecord("digest:" + handle + ":" + day, handle, "digest", body.toString(), 0,
                    clock.instant()));
        }
    }

    private Outcome send(OutboxRecord d, Optional<WebhookRecord> webhook) {
        if (webhook.isEmpty()) {
            return retry(d, "the creator has no webhook");
        }
        URI uri;
        try {
            uri = target.check(webhook.get().url());
        } catch (InvalidInputException e) {
            return retry(d, e.getMessage());
        }
        byte[] body = d.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(EVENT_HEADER, d.kind())
                .header(DELIVERY_HEADER, d.eventId())
                .header(SIGNATURE_HEADER, "sha256=" + sign(webhook.get().secret(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<Void> r = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() / 100 == 2) {
                return new Outcome.Delivered(clock.instant());
            }
            return retry(d, "the receiver answered HTTP " + r.statusCode());
        } catch (IOException e) {
            return retry(d, "cannot reach the receiver: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return retry(d, "interrupted");
        }
    }

    private Outcome retry(OutboxRecord d, String error) {
        long factor = 1L << Math.min(d.attempts(), 16);
        Duration wait = retryBase.multipliedBy(factor);
        if (wait.compareTo(MAX_BACKOFF) > 0) {
            wait = MAX_BACKOFF;
        }
        LOG.info("webhook delivery {} to {} failed (attempt {}): {}; next in {} s", d.eventId(), d.creatorHandle(),
                d.attempts() + 1, error, wait.toSeconds());
        return new Outcome.Retry(clock.instant().plus(wait), error);
    }

    /** HMAC-SHA256 of the body under the secret, hex. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
