package io.credmark.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.credmark.usage.CreatorProfile;
import io.credmark.usage.MisuseReport;
import io.credmark.usage.Notice;
import io.credmark.usage.UsageSeries;
import io.credmark.usage.Webhooks;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON (and CSV) of usage figures, reports, notices, profiles and webhooks. */
final class UsageJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private UsageJson() {
    }

    static ObjectNode series(UsageSeries s) {
        ObjectNode n = F.objectNode();
        n.put("creator", s.creator());
        n.put("from", s.from().toString());
        n.put("to", s.to().toString());
        n.put("granularity", s.granularity().name().toLowerCase(Locale.ROOT));
        s.model().ifPresent(m -> n.put("model", m));
        ArrayNode rows = n.putArray("series");
        for (UsageSeries.Row r : s.rows()) {
            rows.addObject().put("period", r.period().toString()).put("model", r.model()).put("event", r.event())
                    .put("count", r.count());
        }
        n.set("totals", counts(s.totals()));
        n.set("stampsByApiKey", counts(s.apiKeys()));
        ArrayNode hosts = n.putArray("hosts");
        s.hosts().forEach(h -> hosts.addObject().put("host", h.host()).put("count", h.count()));
        return n;
    }

    /** One line per period, model and event; text values quoted as RFC 4180 asks. */
    static String csv(UsageSeries s) {
        StringBuilder b = new StringBuilder("period,model,event,count\r\n");
        for (UsageSeries.Row r : s.rows()) {
            b.append(r.period()).append(',').append(quote(r.model())).append(',').append(r.event()).append(',')
                    .append(r.count()).append("\r\n");
        }
        return b.toString();
    }

    static ObjectNode counts(Map<String, Long> counts) {
        ObjectNode n = F.objectNode();
        counts.forEach(n::put);
        return n;
    }

    static ObjectNode report(MisuseReport r) {
        ObjectNode n = F.objectNode();
        n.put("id", r.id());
        n.putObject("credential").put("id", r.credential().text()).put("url", r.credentialUrl());
        n.put("category", r.category());
        n.put("message", r.message());
        r.contact().ifPresent(c -> n.put("contact", c));
        n.put("status", r.status());
        r.note().ifPresent(c -> n.put("note", c));
        n.put("createdAt", r.createdAt().toString());
        n.put("updatedAt", r.updatedAt().toString());
        return n;
    }

    static ObjectNode reports(String handle, List<MisuseReport> list) {
        ObjectNode n = F.objectNode();
        n.put("creator", handle);
        ArrayNode a = n.putArray("reports");
        list.forEach(r -> a.add(report(r)));
        return n;
    }

    /** What the reporter sees of their report: that it was taken, not the creator's answer. */
    static ObjectNode filed(MisuseReport r) {
        ObjectNode n = F.objectNode();
        n.put("id", r.id());
        n.put("credential", r.credential().text());
        n.put("status", r.status());
        n.put("createdAt", r.createdAt().toString());
        return n;
    }

    static ObjectNode notice(Notice notice) {
        ObjectNode n = F.objectNode();
        n.put("text", notice.text());
        n.put("creator", notice.creator());
        n.put("scope", notice.scope());
        n.put(notice.scope().equals("model") ? "model" : "credential", notice.target());
        n.put("updatedAt", notice.updatedAt().toString());
        return n;
    }

    static ObjectNode profile(CreatorProfile p) {
        ObjectNode n = F.objectNode();
        p.displayName().ifPresent(v -> n.put("displayName", v));
        p.link().ifPresent(v -> n.put("link", v));
        p.bio().ifPresent(v -> n.put("bio", v));
        p.updatedAt().ifPresent(v -> n.put("updatedAt", v.toString()));
        return n;
    }

    static ObjectNode webhook(Webhooks.View w) {
        ObjectNode n = F.objectNode();
        n.put("url", w.url());
        n.put("updatedAt", w.updatedAt().toString());
        n.put("pendingDeliveries", w.pending());
        return n;
    }

    /** Quoted as RFC 4180 asks; a leading formula character is defused, since CSV is opened in spreadsheets. */
    private static String quote(String value) {
        String s = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return s.matches("[A-Za-z0-9 ._:+-]*") ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }
}
