package io.credmark.usage;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A creator's usage figures over a period.
 *
 * @param rows      per period (a day, or the Monday of a week), model and event: the count, all details summed
 * @param totals    per event over the whole period
 * @param apiKeys   stamps per API key (front end) over the period
 * @param hosts     web component verifications per embedding host, most first
 */
public record UsageSeries(String creator, LocalDate from, LocalDate to, Granularity granularity,
        Optional<String> model, List<Row> rows, Map<String, Long> totals, Map<String, Long> apiKeys,
        List<HostCount> hosts) {

    /** Days, or ISO weeks starting on Monday. */
    public enum Granularity {
        DAY, WEEK
    }

    public record Row(LocalDate period, String model, String event, long count) {
    }

    public record HostCount(String host, long count) {
    }
}
