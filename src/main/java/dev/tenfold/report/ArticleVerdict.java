package dev.tenfold.report;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The verdict's section on the blog post's headline case: 120 requests answered after 1 s each,
 * one after the other ("2 minutes") against 10 in flight ("12 seconds"), with each I/O model.
 */
final class ArticleVerdict {
    /** The post's latency: a request answered after one second. */
    static final int LATENCY_MS = 1000;

    private ArticleVerdict() {
    }

    /** The serial run of the post's case: one batch of two minutes, one sample by nature. */
    static boolean literalSerialRun(ResultRow r) {
        return !r.python() && r.family() == Family.IO && r.variant() == Variant.SERIAL
                && Objects.equals(r.latencyMs(), LATENCY_MS);
    }

    static void headline(StringBuilder out, List<ResultRow> rows) {
        ResultRow serial = rows.stream().filter(r -> literalSerialRun(r)
                && r.throughput() != null).findFirst().orElse(null);
        List<ResultRow> atTen = rows.stream().filter(r -> r.family() == Family.IO
                && Objects.equals(r.latencyMs(), LATENCY_MS)
                        && Objects.equals(r.concurrency(), 10) && r.variant() != Variant.SERIAL
                        && r.throughput() != null)
                .sorted(Comparator.comparing(ResultRow::throughput).reversed()).toList();
        if (serial == null || atTen.isEmpty()) {
            return;
        }
        int requests = serial.tasks();
        double serialSeconds = requests / serial.throughput();
        out.append(String.format(Locale.ROOT,
                "%n== the article's case: %d requests answered after %d ms, one after the other"
                + " against 10 in flight ==%n", requests, LATENCY_MS));
        out.append(String.format(Locale.ROOT, "  serial        %6.1f s (%d sample%s)%n", serialSeconds,
                serial.samples(),
                serial.samples() == 1 ? ": one two-minute run is one sample, by nature" : "s"));
        for (ResultRow r : atTen) {
            double seconds = requests / r.throughput();
            String error = r.throughputError() == null ? "no interval"
                    : String.format(Locale.ROOT, "± %.1f", requests * r.throughputError() /
                    (r.throughput() * r.throughput()));
            out.append(String.format(Locale.ROOT, "  C=10 %-8s %6.1f s %s over %d samples, %sx serial%n",
                    r.variant(), seconds, error, r.samples(), VerdictText.num(r.speedup(), 2)));
        }
        ResultRow best = atTen.get(0);
        out.append(String.format(Locale.ROOT, "  2 min -> 12 s: serial %.1f s, C=10 %.1f s (%sx, %s)%n",
                serialSeconds, requests / best.throughput(), VerdictText.num(best.speedup(), 2), best.variant()));
    }
}
