package io.credmark.usage;

import io.credmark.InvalidInputException;
import io.credmark.creators.CreatorAccount;
import io.credmark.store.UsageRepository.Figure;
import io.credmark.store.UsageRepository;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads usage figures: a creator's, and a registered model's public totals. */
public final class UsageFigures {

    /** The longest period one query covers. */
    public static final int MAX_DAYS = 400;
    private static final int DEFAULT_DAYS = 30;
    private static final int TOP_HOSTS = 20;

    private final UsageRepository store;
    private final Clock clock;

    public UsageFigures(UsageRepository store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * The creator's figures from {@code from} to {@code to} (UTC days, inclusive; default the last 30 days).
     *
     * @throws InvalidInputException for an unreadable date, an inverted or too long period
     */
    public UsageSeries of(CreatorAccount creator, Optional<String> from, Optional<String> to,
            UsageSeries.Granularity granularity, Optional<String> model) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate end = to.map(t -> date("to", t)).orElse(today);
        LocalDate start = from.map(f -> date("from", f)).orElse(end.minusDays(DEFAULT_DAYS - 1));
        if (start.isAfter(end)) {
            throw new InvalidInputException(InvalidInputException.Kind.BAD_REQUEST, "from (" + start
                    + ") is after to (" + end + ")");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw new InvalidInputException(InvalidInputException.Kind.BAD_REQUEST, "the period may cover at most "
                    + MAX_DAYS + " days");
        }
        List<Figure> figures = store.byCreator(creator.handle(), start, end, model);
        Map<String, UsageSeries.Row> rows = new LinkedHashMap<>();
        Map<String, Long> totals = new TreeMap<>();
        Map<String, Long> keys = new TreeMap<>();
        Map<String, Long> hosts = new TreeMap<>();
        for (Figure f : figures) {
            LocalDate period = granularity == UsageSeries.Granularity.WEEK
                    ? f.day().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : f.day();
            rows.merge(period + "\u0000" + f.model() + "\u0000" + f.event(),
                    new UsageSeries.Row(period, f.model(), f.event(), f.count()),
                    (a, b) -> new UsageSeries.Row(a.period(), a.model(), a.event(), a.count() + b.count()));
            totals.merge(f.event(), f.count(), Long::sum);
            if (f.event().equals(UsageEvent.STAMP.wireName())) {
                keys.merge(f.detail(), f.count(), Long::sum);
            } else if (f.event().equals(UsageEvent.EMBED_HOST.wireName())) {
                hosts.merge(f.detail(), f.count(), Long::sum);
            }
        }
        List<UsageSeries.Row> ordered = new ArrayList<>(rows.values());
        ordered.sort(Comparator.comparing(UsageSeries.Row::period).thenComparing(UsageSeries.Row::model)
                .thenComparing(UsageSeries.Row::event));
        List<UsageSeries.HostCount> top = hosts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_HOSTS).map(e -> new UsageSeries.HostCount(e.getKey(), e.getValue())).toList();
        return new UsageSeries(creator.handle(), start, end, granularity, model, ordered, totals, keys, top);
    }

    /**
     * A registered model's totals per event over the days kept, when its creator made them public.
     *
     * @return empty when they are not public
     */
    public Optional<Map<String, Long>> publicTotals(String modelId) {
        if (!"public".equals(store.visibility(modelId))) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, Long> totals = new TreeMap<>();
        for (Figure f : store.byModel(modelId, today.minusDays(MAX_DAYS - 1), today)) {
            if (!f.event().equals(UsageEvent.EMBED_HOST.wireName())) {
                totals.merge(f.event(), f.count(), Long::sum);
            }
        }
        return Optional.of(totals);
    }

    /** Makes a registered model's totals {@code public} or {@code private}; the caller checked it is the creator's. */
    public void setVisibility(String modelId, String visibility) {
        store.setVisibility(modelId, visibility, io.credmark.store.Timestamps.storable(clock.instant()));
    }

    private static LocalDate date(String name, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidInputException(InvalidInputException.Kind.BAD_REQUEST, name
                    + ": expected a date YYYY-MM-DD");
        }
    }
}
