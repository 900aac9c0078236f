package dev.tenfold.cli;

import dev.tenfold.backend.Backend;
import dev.tenfold.backend.BackendStubs;
import dev.tenfold.report.CrossCheck;
import dev.tenfold.report.ResultRow;
import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run does against the backend besides its plan: warming it up to the plan's highest I/O
 * concurrency before the first measurement, and the plain-client cross-check after the last.
 */
final class BackendChecks {
    static final int WARM_UP_MIN_CONCURRENCY = 200;
    static final int WARM_UP_MIN_ROUNDS = 4;
    static final int WARM_UP_MAX_ROUNDS = 50;
    /** The cross-check runs at the highest C of the I/O rows from this C on. */
    private static final int CROSS_CHECK_FROM = 1000;

    private BackendChecks() {
    }

    /**
     * Warms the backend, and this JVM's plain client for the cross-check, before the first
     * measurement: a cold WireMock JVM serves a fraction of its warm rate, and it serves every
     * benchmark of the run. The plain client loops at the highest C of the plan's I/O rows (at
     * least {@value #WARM_UP_MIN_CONCURRENCY}) and the plan's latency, in rounds of 1 s, until three
     * rounds agree within 5% (at least {@value #WARM_UP_MIN_ROUNDS} rounds, at most
     * {@code maxRounds}).
     */
    static void warmUp(Backend backend, List<PlanItem> plan, int maxRounds) throws IOException,
            InterruptedException {
        int latency = ioLatency(plan);
        BackendStubs.installItem(backend.url(), latency);
        int concurrency = Math.max(WARM_UP_MIN_CONCURRENCY, topIoConcurrency(plan));
        List<Double> rates;
        long failures;
        try (PlainClientCheck loop = new PlainClientCheck(backend.url(), concurrency, latency, false)) {
            rates = loop.untilSteady(1.0, WARM_UP_MIN_ROUNDS, maxRounds);
            failures = loop.failures();
        }
        if (failures > 0) {
            throw new IOException("the backend failed " + failures + " warm-up requests");
        }
        System.out.printf(Locale.ROOT, "tenfold: backend warmed up at C=%d for %d s, %s (last rounds %s requests/s)%n",
                concurrency, rates.size(), PlainClientCheck.steady(rates) ? "until its rate was steady"
                : "its rate NOT yet steady",
                rates.subList(Math.max(0, rates.size() - 3), rates.size()).stream()
                        .map(r -> String.format(Locale.ROOT, "%.0f",
                        r)).collect(java.util.stream.Collectors.joining(", ")));
    }

    /** The highest C of the plan's concurrent I/O rows; 0 when it has none. */
    private static int topIoConcurrency(List<PlanItem> plan) {
        return plan.stream().filter(i -> i.family() == Family.IO && i.variant() != Variant.SERIAL)
                .mapToInt(PlanItem::concurrency).max().orElse(0);
    }

    private static int ioLatency(List<PlanItem> plan) {
        return plan.stream().map(i -> i.params().latencyMs()).filter(java.util.Objects::nonNull)
                .mapToInt(Integer::intValue).findFirst().orElse(SuitePlan.DEFAULT_LATENCY_MS);
    }

    /**
     * The I/O cross-check at the highest C of the measured I/O rows, when that is 1000 or more
     * (below, on 2 cores, both sides sit on Little's law and prove nothing): a plain blocking loop on virtual
     * threads and a plain chain of sendAsync, each 2 rounds to settle, then 4 measured rounds of
     * 2 s, against the suite's {@code virtual} and {@code async} rows. Null when there is nothing
     * to check.
     */
    static String crossCheck(List<ResultRow> rows, Backend backend) throws InterruptedException {
        ResultRow top = rows.stream().filter(r -> r.family() == Family.IO && r.concurrency() != null
                        && r.concurrency() >= CROSS_CHECK_FROM && r.latencyMs() != null)
                .max(java.util.Comparator.comparing(ResultRow::concurrency)).orElse(null);
        if (top == null) {
            return null;
        }
        BackendStubs.installItem(backend.url(), top.latencyMs());
        System.out.printf("%ntenfold: cross-check: plain HttpClient loops at C=%d, no JMH ...%n", top.concurrency());
        Map<Variant, double[]> plain = new LinkedHashMap<>();
        Map<Variant, Long> failures = new LinkedHashMap<>();
        for (Variant style : List.of(Variant.VIRTUAL, Variant.ASYNC)) {
            try (PlainClientCheck loop = new PlainClientCheck(backend.url(), top.concurrency(), top.latencyMs(),
                    style == Variant.ASYNC)) {
                for (int i = 0; i < 2; i++) {
                    loop.round(2.0);
                }
                long failuresBefore = loop.failures();
                double[] rates = new double[4];
                for (int i = 0; i < rates.length; i++) {
                    rates[i] = loop.round(2.0);
                }
                plain.put(style, rates);
                failures.put(style, loop.failures() - failuresBefore);
            }
        }
        return CrossCheck.render(rows, top.concurrency(), plain, 2.0, failures);
    }
}
