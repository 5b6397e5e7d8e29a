package io.credmark.app;

import io.credmark.credential.CredentialId;
import io.credmark.store.CreatorProfileRepository;
import io.credmark.store.Database;
import io.credmark.store.NoticeRepository;
import io.credmark.store.ReportRepository;
import io.credmark.store.UsageRepository;
import io.credmark.store.WebhookRepository;
import io.credmark.usage.CreatorProfiles;
import io.credmark.usage.MisuseReports;
import io.credmark.usage.Notices;
import io.credmark.usage.UsageCounter;
import io.credmark.usage.UsageEvent;
import io.credmark.usage.UsageFigures;
import io.credmark.usage.WebhookDelivery;
import io.credmark.usage.WebhookTarget;
import io.credmark.usage.Webhooks;
import io.credmark.verification.Verification;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The creator-facing side of one service node: usage counting, reports, notices, profiles and webhooks, with the
 * jobs that flush counts, delete old days, queue digests and send webhook deliveries.
 *
 * <p>Settings: {@code usage.counting} (default true), {@code usage.flushSeconds} (5), {@code usage.retentionDays}
 * (400), {@code webhooks.allowInsecure} (false), {@code webhooks.retrySeconds} (10), {@code webhooks.pollSeconds} (2).
 */
public final class UsageNode implements AutoCloseable {

    /** How the verifying client reached the service. */
    public enum Channel {
        API, PAGE, COMPONENT
    }

    private static final Logger LOG = LoggerFactory.getLogger(UsageNode.class);

    private final UsageCounter counter;
    private final UsageRepository usageStore;
    private final WebhookRepository webhookStore;
    private final UsageFigures figures;
    private final MisuseReports reports;
    private final Notices notices;
    private final CreatorProfiles profiles;
    private final Webhooks webhooks;
    private final WebhookDelivery delivery;
    private final long retentionDays;
    private final Clock clock;
    private final ScheduledExecutorService jobs;

    private UsageNode(ServiceNode node, Clock clock) {
        this.clock = clock;
        Settings s = node.settings();
        Database db = node.database();
        this.usageStore = new UsageRepository(db);
        this.webhookStore = new WebhookRepository(db);
        this.counter = new UsageCounter(usageStore, clock, flag(s, "usage.counting", true));
        this.figures = new UsageFigures(usageStore, clock);
        this.reports = new MisuseReports(new ReportRepository(db), webhookStore, node.views(), counter, clock,
                new SecureRandom());
        this.notices = new Notices(new NoticeRepository(db), node.views(), node.models(), clock);
        this.profiles = new CreatorProfiles(new CreatorProfileRepository(db), clock);
        WebhookTarget target = new WebhookTarget(flag(s, "webhooks.allowInsecure", false));
        this.webhooks = new Webhooks(webhookStore, target, clock);
        this.delivery = new WebhookDelivery(webhookStore, usageStore, target,
                Duration.ofSeconds(Math.max(1, s.number("webhooks.retrySeconds", 10))), clock);
        this.retentionDays = Math.max(1, s.number("usage.retentionDays", 400));
        this.jobs = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "credmark-usage");
            t.setDaemon(true);
            return t;
        });
        long flush = Math.max(1, s.number("usage.flushSeconds", 5));
        jobs.scheduleWithFixedDelay(guarded("usage flush", counter::flush), flush, flush, TimeUnit.SECONDS);
        jobs.scheduleWithFixedDelay(guarded("housekeeping", this::housekeeping), 0, 1, TimeUnit.HOURS);
        long poll = Math.max(1, s.number("webhooks.pollSeconds", 2));
        jobs.scheduleWithFixedDelay(guarded("webhook delivery", delivery::round), poll, poll, TimeUnit.SECONDS);
    }

    /** Starts the jobs of this node's creator-facing side. */
    public static UsageNode start(ServiceNode node) {
        return new UsageNode(node, Clock.systemUTC());
    }

    public UsageCounter counter() {
        return counter;
    }

    public UsageFigures figures() {
        return figures;
    }

    public MisuseReports reports() {
        return reports;
    }

    public Notices notices() {
        return notices;
    }

    public CreatorProfiles profiles() {
        return profiles;
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    /**
     * Counts a verification: on the credential the file claims (when it is on record), its recovery through the
     * watermark, the watermark's agreement with the manifest, and for the web component the embedding page's host.
     */
    public void verified(Verification v, Channel channel, Optional<String> host) {
        UsageEvent event = switch (channel) {
            case API -> UsageEvent.VERIFY_API;
            case PAGE -> UsageEvent.VERIFY_PAGE;
            case COMPONENT -> UsageEvent.VERIFY_COMPONENT;
        };
        Optional<CredentialId> subject = v.recovered().map(r -> r.credential().id())
                .or(() -> v.known() ? v.claimedId() : Optional.empty());
        subject.ifPresent(id -> {
            counter.count(id.value(), event);
            if (channel == Channel.COMPONENT) {
                host.ifPresent(h -> counter.count(id.value(), UsageEvent.EMBED_HOST, h));
            }
        });
        v.recovered().ifPresent(r -> counter.count(r.credential().id().value(), UsageEvent.WATERMARK_RECOVERY));
        v.watermark().agrees().ifPresent(agrees -> v.watermark().leadsTo().ifPresent(found -> counter.count(
                found.id().value(), agrees ? UsageEvent.WATERMARK_AGREE : UsageEvent.WATERMARK_DISAGREE)));
    }

    /** Deletes usage days past retention and old deliveries; queues yesterday's digests. Runs hourly. */
    public void housekeeping() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        int deleted = usageStore.deleteBefore(today.minusDays(retentionDays - 1));
        if (deleted > 0) {
            LOG.info("usage retention: deleted {} rows of days before {}", deleted, today.minusDays(retentionDays - 1));
        }
        webhookStore.deleteDeliveredBefore(clock.instant().minus(Duration.ofDays(30)));
        delivery.queueDigests(today.minusDays(1));
    }

    /** Sends due webhook deliveries now (besides the schedule). */
    public int deliverNow() {
        return delivery.round();
    }

    private static Runnable guarded(String what, Runnable job) {
        return () -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", what, e.getMessage());
            }
        };
    }

    private static boolean flag(Settings s, String key, boolean otherwise) {
        return s.get(key).map(v -> v.equalsIgnoreCase("true")).orElse(otherwise);
    }

    /** Stops the jobs and saves what was counted. */
    @Override
    public void close() {
        jobs.shutdownNow();
        try {
            jobs.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        counter.flush();
    }
}
