package dev.tenfold.report;

import static dev.tenfold.report.VerdictText.*;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The verdict's resilience sections: goodput against the rate limit per policy, and the flaky endpoint. */
final class ResilienceVerdict {
    private ResilienceVerdict() {
    }

    /**
     * The article's wall: past K in flight the server answers 429. Per C, each policy's goodput,
     * failures and 429s; then what retrying bought at the highest C.
     */
    static void rateLimit(StringBuilder out, List<ResultRow> rows) {
        List<ResultRow> limited = rows.stream().filter(r -> r.family() == Family.RESILIENCE
                && r.workload().startsWith("limited-") && r.variant() != Variant.SERIAL
                && r.serverLimit() != null).toList();
        if (limited.isEmpty()) {
            return;
        }
        ResultRow any = limited.get(0);
        double ceiling = any.serverLimit() * 1000.0 / any.latencyMs();
        out.append(String.format(Locale.ROOT,
                "%n== rate limit: the server admits K=%d in flight, %d ms each: at most %.0f requests/s ==%n",
                any.serverLimit(), any.latencyMs(), ceiling));
        Map<String, Map<Integer,
                ResultRow>> byPolicy = new TreeMap<>(Comparator.comparing(ResilienceVerdict::policyOrder));
        limited.forEach(r -> byPolicy.computeIfAbsent(r.workload().substring("limited-".length()), k -> new TreeMap<>())
                .put(r.concurrency(), r));
        out.append(String.format(Locale.ROOT, "  %-13s %6s %10s %6s %13s %9s %13s %13s%n", "policy", "C", "goodput/s",
                "of K/L",
                "errors/tasks", "requests", "429s", "retries"));
        byPolicy.forEach((policy, perC) -> perC.values().forEach(r -> {
            Long requests = r.requestsSent();
            out.append(String.format(Locale.ROOT, "  %-13s %6d %10s %6s %13s %9s %13s %13s%n", policy, r.concurrency(),
                    num(r.throughput(), 1), r.throughput() == null ? "-" : pct(r.throughput() / ceiling),
                    ratio(r.errors(), r.attempted()), requests == null ? "-" : requests,
                    ratio(r.http429(), requests), ratio(r.retries(), requests)));
        }));
        int highest = limited.stream().mapToInt(ResultRow::concurrency).max().orElseThrow();
        byPolicy.forEach((policy, perC) -> {
            ResultRow r = perC.get(highest);
            if (r != null && r.throughput() != null) {
                out.append(String.format(Locale.ROOT, "  at C=%d %s: %s, goodput %.0f/s (%s of K/L)%n", highest, policy,
                        r.errors() != null && r.errors() > 0
                                ? "LOST " + r.errors() + " of " + r.attempted() + " tasks ("
                                + pct(share(r.errors(), r.attempted())) + ")"
                                : "finished every task", r.throughput(), pct(r.throughput() / ceiling)));
            }
        });
        out.append("  (sustained: C tasks in flight throughout the window, goodput = tasks that succeeded per second;"
                + " 429s and retries per request sent = tasks + retries)\n");
    }

    /** Retrying against a server that fails a set fraction: what no-retry loses and retry recovers. */
    static void flaky(StringBuilder out, List<ResultRow> rows) {
        List<ResultRow> flaky = rows.stream().filter(r -> r.family() == Family.RESILIENCE
                && r.workload().startsWith("flaky-"))
                .sorted(Comparator.comparing((ResultRow r) ->
                policyOrder(r.workload().substring("flaky-".length())))).toList();
        if (flaky.isEmpty()) {
            return;
        }
        out.append(String.format(Locale.ROOT,
                "%n== flaky endpoint (a seeded share of 503s and connection resets) ==%n"));
        for (ResultRow r : flaky) {
            out.append(String.format(Locale.ROOT,
                    "  %-9s C=%-4s goodput %8s/s, errors %s, retries %s, mean task latency %s ms%s%n",
                    r.workload().substring("flaky-".length()), cell(r.concurrency()), num(r.throughput(), 1),
                    ratio(r.errors(), r.attempted()), ratio(r.retries(), r.requestsSent()),
                    num(r.observedLatencyMs(), 1),
                    r.backendRequests() == null ? "" : "; the backend answered " + r.backendRequests() + " of "
                            + r.requestsSent() + " requests sent"));
        }
    }

    /** no-retry, retry, adaptive: the order the article's story goes. */
    static int policyOrder(String policy) {
        return List.of("no-retry", "retry", "adaptive", "adaptive-cold").indexOf(policy);
    }
}
