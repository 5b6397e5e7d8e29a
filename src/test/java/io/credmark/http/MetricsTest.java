package io.credmark.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void histogramsAreCumulativeAndLabelValuesEscaped() {
        Metrics m = new Metrics();
        m.request("GET", "/a\"b\\c", 200, 0.003);
        m.request("GET", "/a\"b\\c", 200, 0.2);
        m.request("GET", "/a\"b\\c", 404, 20);
        String text = m.render();
        String labels = "method=\"GET\",route=\"/a\\\"b\\\\c\"";
        assertTrue(text.contains("credmark_http_requests_total{" + labels + ",status=\"200\"} 2.0\n"), text);
        assertTrue(text.contains("credmark_http_request_duration_seconds_bucket{" + labels + ",le=\"0.001\"} 0\n"),
                text);
        assertTrue(text.contains("credmark_http_request_duration_seconds_bucket{" + labels + ",le=\"0.005\"} 1\n"));
        assertTrue(text.contains("credmark_http_request_duration_seconds_bucket{" + labels + ",le=\"0.25\"} 2\n"));
        assertTrue(text.contains("credmark_http_request_duration_seconds_bucket{" + labels + ",le=\"10.0\"} 2\n"));
        assertTrue(text.contains("credmark_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 3\n"));
        assertTrue(text.contains("credmark_http_request_duration_seconds_count{" + labels + "} 3\n"));
        assertTrue(text.contains("credmark_http_request_duration_seconds_sum{" + labels + "} 20.203"), text);
        for (String line : text.split("\n")) {
            assertTrue(line.startsWith("#")
                    || line.matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*\\})? ([0-9.E+-]+|NaN)"), line);
        }
    }
}
