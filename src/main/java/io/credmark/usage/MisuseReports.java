package io.credmark.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.InvalidInputException;
import io.credmark.Json;
import io.credmark.NotFoundException;
import io.credmark.creators.CreatorAccount;
import io.credmark.creators.CredentialViews;
import io.credmark.credential.Credential;
import io.credmark.credential.CredentialId;
import io.credmark.store.OutboxRecord;
import io.credmark.store.ReportRecord;
import io.credmark.store.ReportRepository;
import io.credmark.store.Timestamps;
import io.credmark.store.WebhookRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Misuse reports: anyone files one about a credential; its creator reads and answers them. */
public final class MisuseReports {

    public static final List<String> CATEGORIES = List.of("violates-usage-terms", "misattribution", "impersonation",
            "harmful-content", "other");
    public static final List<String> STATUSES = List.of("open", "acknowledged", "resolved", "rejected");
    public static final int MAX_MESSAGE = 2000;
    public static final int MAX_CONTACT = 200;
    public static final int MAX_NOTE = 2000;
    private static final ObjectMapper JSON = Json.mapper();
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private final ReportRepository reports;
    private final WebhookRepository webhooks;
    private final CredentialViews credentials;
    private final UsageCounter counter;
    private final Clock clock;
    private final SecureRandom random;

    public MisuseReports(ReportRepository reports, WebhookRepository webhooks, CredentialViews credentials,
            UsageCounter counter, Clock clock, SecureRandom random) {
        this.reports = reports;
        this.webhooks = webhooks;
        this.credentials = credentials;
        this.counter = counter;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Files a report, and queues its delivery to the creator's webhook in the same transaction.
     *
     * @throws NotFoundException     when there is no such credential
     * @throws InvalidInputException when a member is missing or out of bounds
     */
    public MisuseReport file(CredentialId id, String category, String message, Optional<String> contact) {
        Draft d = check(category, message, contact);
        Credential c = credentials.find(id).orElseThrow(() -> new NotFoundException("no credential with the id '"
                + id.text() + "'"));
        Instant now = Timestamps.storable(clock.instant());
        ReportRecord r = new ReportRecord(newId(), id.value(), c.provenance().creator().handle(), d.category(),
                d.message(), d.contact(), "open", Optional.empty(), now, now);
        MisuseReport report = fromRecord(r);
        Optional<OutboxRecord> delivery = webhooks.find(r.creatorHandle()).map(w -> new OutboxRecord(
                "report:" + r.id(), r.creatorHandle(), "report", webhookBody(report), 0, now));
        reports.insert(r, delivery);
        counter.count(id.value(), UsageEvent.REPORT);
        return report;
    }

    /** A report's members, checked. */
    public record Draft(String category, String message, Optional<String> contact) {
    }

    /**
     * Checks a report's members before anything else is done with it.
     *
     * @throws InvalidInputException naming the member that is missing or out of bounds
     */
    public static Draft check(String category, String message, Optional<String> contact) {
        if (!CATEGORIES.contains(category)) {
            throw invalid("category", "must be one of " + String.join(", ", CATEGORIES));
        }
        String text = Texts.clean(message);
        if (text.isEmpty()) {
            throw invalid("message", "required, some text saying what is wrong");
        }
        if (text.length() > MAX_MESSAGE) {
            throw invalid("message", "at most " + MAX_MESSAGE + " characters (this one has " + text.length() + ")");
        }
        Optional<String> reach = contact.map(Texts::clean).filter(s -> !s.isEmpty());
        if (reach.isPresent() && reach.get().length() > MAX_CONTACT) {
            throw invalid("contact", "at most " + MAX_CONTACT + " characters");
        }
        return new Draft(category, text, reach);
    }

    /** The creator's reports, newest first, of one status if given. */
    public List<MisuseReport> inbox(CreatorAccount creator, Optional<String> status) {
        status.ifPresent(MisuseReports::checkStatus);
        return reports.byCreator(creator.handle(), status, 500).stream().map(this::fromRecord).toList();
    }

    /**
     * Sets a report's status and the creator's note (absent: the note is removed).
     *
     * @throws NotFoundException when the report is not one of the creator's
     */
    public MisuseReport answer(CreatorAccount creator, String reportId, String status, Optional<String> note) {
        checkStatus(status);
        Optional<String> n = note.map(Texts::clean).filter(s -> !s.isEmpty());
        if (n.isPresent() && n.get().length() > MAX_NOTE) {
            throw invalid("note", "at most " + MAX_NOTE + " characters");
        }
        ReportRecord r = reports.find(reportId).filter(x -> x.creatorHandle().equals(creator.handle()))
                .orElseThrow(() -> new NotFoundException("no report '" + Texts.shorten(reportId) + "' of "
                        + creator.handle()));
        reports.update(r.id(), status, n, Timestamps.storable(clock.instant()));
        return fromRecord(reports.find(r.id()).orElseThrow());
    }

    /** What the creator's webhook receives for a new report. */
    static String webhookBody(MisuseReport r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "report");
        n.put("id", r.id());
        n.putObject("credential").put("id", r.credential().text()).put("url", r.credentialUrl());
        n.put("category", r.category());
        n.put("message", r.message());
        r.contact().ifPresent(c -> n.put("contact", c));
        n.put("createdAt", r.createdAt().toString());
        return n.toString();
    }

    private MisuseReport fromRecord(ReportRecord r) {
        CredentialId id = new CredentialId(r.credentialId());
        return new MisuseReport(r.id(), id, credentials.links().page(id), r.creatorHandle(), r.category(),
                r.message(), r.contact(), r.status(), r.note(), r.createdAt(), r.updatedAt());
    }

    private static void checkStatus(String status) {
        if (!STATUSES.contains(status)) {
            throw invalid("status", "must be one of " + String.join(", ", STATUSES));
        }
    }

    private String newId() {
        StringBuilder b = new StringBuilder("r");
        for (int i = 0; i < 16; i++) {
            b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return b.toString();
    }

    private static InvalidInputException invalid(String path, String problem) {
        return InvalidInputException.invalidDocument(path, problem);
    }

}
