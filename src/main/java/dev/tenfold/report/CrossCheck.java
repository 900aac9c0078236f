package dev.tenfold.report;

import static dev.tenfold.report.VerdictText.*;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The verdict's cross-check of the suite's I/O rows against plain client loops with no JMH. */
public final class CrossCheck {
    private CrossCheck() {
    }

    /**
     * The suite's I/O rows at C against plain hand-written clients at the same C on the same
     * backend (no JMH, no model): a blocking loop on virtual threads against the {@code virtual}
     * row, a chain of sendAsync against the {@code async} row, and the suite's best against the
     * best plain one. Within 10% means the suite measures the model, not itself.
     */
    public static String render(List<ResultRow> rows, int concurrency, Map<Variant, double[]> plainRates,
                                    double roundSeconds, Map<Variant, Long> failures) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "== cross-check: plain HttpClient loops, C=%d, same backend, same run, no JMH ==%n", concurrency));
        double bestPlain = 0;
        for (Map.Entry<Variant, double[]> e : plainRates.entrySet()) {
            double[] sorted = e.getValue().clone();
            java.util.Arrays.sort(sorted);
            int n = sorted.length;
            double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
            bestPlain = Math.max(bestPlain, median);
            ResultRow row = rows.stream().filter(r -> r.family() == Family.IO && e.getKey() == r.variant()
                    && Objects.equals(r.concurrency(), concurrency) && r.throughput() != null).findFirst().orElse(null);
            out.append(String.format(Locale.ROOT,
                    "  plain %-7s %6.0f requests/s (median of %d rounds of %.0f s: %s)%s; suite's %s row %s%n",
                    e.getKey(), median, sorted.length, roundSeconds,
                    java.util.Arrays.stream(e.getValue()).mapToObj(r
                    -> String.format(Locale.ROOT, "%.0f", r)).collect(Collectors.joining(", ")),
                    failures.getOrDefault(e.getKey(), 0L) > 0 ? ", " + failures.get(e.getKey()) + " FAILED" : "",
                    e.getKey(), row == null ? "not measured" : withError(row)
                    + String.format(Locale.ROOT, " = %.2fx", row.throughput() / median)));
        }
        ResultRow best = rows.stream().filter(r -> r.family() == Family.IO
                && Objects.equals(r.concurrency(), concurrency)
                && r.throughput() != null).max(Comparator.comparing(ResultRow::throughput)).orElse(null);
        if (best != null && bestPlain > 0) {
            double ratio = best.throughput() / bestPlain;
            out.append(String.format(Locale.ROOT,
                    "  suite's best at C=%d (%s) against the best plain loop: %.2fx, %s%n", concurrency,
                    best.variant(), ratio, Math.abs(ratio - 1) <= 0.10 ? "within 10%"
                            : "DIFFERS by more than 10%: look before trusting the I/O rows at this C"));
            List<String> unsteady = rows.stream().filter(r -> r.family() == Family.IO
                    && Objects.equals(r.concurrency(), concurrency)
                    && "no".equals(r.steady())).map(r -> r.variant().toString()).toList();
            if (!unsteady.isEmpty()) {
                out.append(String.format(Locale.ROOT,
                        "  but the suite's %s at C=%d %s NOT STEADY: both sides are still moving,"
                        + " and the agreement may not hold in another run%n", String.join(", ", unsteady), concurrency,
                        unsteady.size() == 1 ? "is" : "are"));
            }
        }
        return out.toString();
    }
}
