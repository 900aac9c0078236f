package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The resilience sections, line by line: goodput against K / L per policy and C, and the flaky endpoint. */
class ResilienceVerdictTest {

    private static ResultRow row(String workload, String variant, int c, double throughput, long attempted, long errors,
                                 long retries, long http429) throws Exception {
        Map<String, Object> changes = new HashMap<>(Map.of("family", "resilience", "workload", workload, "variant",
                variant, "concurrency", c, "throughput", throughput, "attempted", attempted, "errors", errors,
                "retries", retries, "http429", http429, "serverLimit", 50));
        changes.putAll(Map.of("latencyMs", 50, "observedLatencyMs", 61.25, "backendRequests", attempted + retries));
        return RowCopy.with(ReportTest.fixtureRows(ReportTest.MACHINE).get(1), changes);
    }

    @Test
    void theRateLimitTableHasEachPolicyAtEachCInTheArticlesOrderThenTheHighestC() throws Exception {
        List<ResultRow> rows = List.of(
                row("limited-no-retry", "serial", 1, 19.5, 100, 0, 0, 0), // the baseline: not in the table
                row("limited-retry", "virtual", 500, 990.0, 1000, 0, 3000, 2990),
                row("limited-no-retry", "virtual", 500, 100.0, 1000, 900, 0, 900),
                row("limited-no-retry", "virtual", 50, 980.0, 1000, 0, 0, 0),
                row("limited-adaptive", "virtual", 500, 995.0, 1000, 0, 20, 10));
        StringBuilder out = new StringBuilder();
        ResilienceVerdict.rateLimit(out, rows);
        List<String> lines = out.toString().lines().toList();
        assertEquals(List.of(
                "",
                "== rate limit: the server admits K=50 in flight, 50 ms each: at most 1000 requests/s ==",
                "  policy             C  goodput/s of K/L  errors/tasks  requests          429s       retries",
                "  no-retry          50      980.0    98%        0 (0%)      1000        0 (0%)        0 (0%)",
                "  no-retry         500      100.0    10%     900 (90%)      1000     900 (90%)        0 (0%)",
                "  retry            500      990.0    99%        0 (0%)      4000    2990 (75%)    3000 (75%)",
                "  adaptive         500      995.0   100%        0 (0%)      1020       10 (1%)       20 (2%)",
                "  at C=500 no-retry: LOST 900 of 1000 tasks (90%), goodput 100/s (10% of K/L)",
                "  at C=500 retry: finished every task, goodput 990/s (99% of K/L)",
                "  at C=500 adaptive: finished every task, goodput 995/s (100% of K/L)"),
                lines.subList(0, 10), out.toString());
        assertTrue(lines.get(10).startsWith("  (sustained: C tasks in flight"), out.toString());
    }

    @Test
    void withoutRateLimitedRowsThereIsNoSection() throws Exception {
        StringBuilder out = new StringBuilder();
        ResilienceVerdict.rateLimit(out, List.of(row("flaky-retry", "virtual", 50, 900.0, 1000, 0, 150, 0)));
        assertEquals("", out.toString());
    }

    @Test
    void theFlakyEndpointShowsWhatNoRetryLosesAndRetryRecovers() throws Exception {
        StringBuilder out = new StringBuilder();
        ResilienceVerdict.flaky(out, List.of(row("flaky-retry", "virtual", 50, 950.0, 1000, 0, 176, 0),
                row("flaky-no-retry", "virtual", 50, 850.0, 1000, 150, 0, 0)));
        assertEquals(List.of(
                "",
                "== flaky endpoint (a seeded share of 503s and connection resets) ==",
                "  no-retry  C=50   goodput    850.0/s, errors 150 (15%), retries 0 (0%), mean task latency 61.3 ms;"
                        + " the backend answered 1000 of 1000 requests sent",
                "  retry     C=50   goodput    950.0/s, errors 0 (0%), retries 176 (15%), mean task latency 61.3 ms;"
                        + " the backend answered 1176 of 1176 requests sent"),
                out.toString().lines().toList());
    }
}
