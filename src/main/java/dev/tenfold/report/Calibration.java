package dev.tenfold.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a calibration says of the intervals and of compare's marks, from three runs of the same
 * rows: A, B (the same code, the same machine, one after the other) and a run against a backend
 * whose latency is 10% longer. The SPEC's targets on the 2-core VM:
 * <ul>
 *   <li>(a) coverage: on >= 95% of rows, B's throughput lies inside A's 99% interval;</li>
 *   <li>(b) A/A: compare marks >= 95% of the joined rows {@code ~} (no difference beyond noise);</li>
 *   <li>(c) A/B: compare marks >= 90% of the latency-bound rows of the slower run {@code -}.</li>
 * </ul>
 * Latency-bound rows are those of run A on their Little's-law line (see {@link #latencyBound}): their
 * throughput is proportional to 1 / latency, so 10% more latency is 9.1% fewer tasks per second.
 */
public final class Calibration {
    public static final double COVERAGE_TARGET = 0.95;
    public static final double SAME_TARGET = 0.95;
    public static final double SLOWER_TARGET = 0.90;

    private Calibration() {
    }

    /** The three shares and their counts; NaN where no row qualified. */
    public record Result(int covered, int coverable, int same, int joined, int slower, int latencyBound) {
        public double coverage() {
            return share(covered, coverable);
        }

        public double sameShare() {
            return share(same, joined);
        }

        public double slowerShare() {
            return share(slower, latencyBound);
        }

        public boolean onTarget() {
            return coverage() >= COVERAGE_TARGET && sameShare() >= SAME_TARGET && slowerShare() >= SLOWER_TARGET;
        }

        private static double share(int part, int whole) {
            return whole == 0 ? Double.NaN : part / (double) whole;
        }
    }

    /** Counts (a), (b) and (c) over the rows of A joined with B, and with the slower run. */
    public static Result of(List<ResultRow> a, List<ResultRow> b, List<ResultRow> slower) {
        Map<String, ResultRow> bByKey = index(b);
        Map<String, ResultRow> slowerByKey = index(slower);
        int covered = 0;
        int coverable = 0;
        int same = 0;
        int joined = 0;
        int slowerMarked = 0;
        int latencyBound = 0;
        for (ResultRow row : a) {
            ResultRow again = bByKey.get(key(row));
            if (again != null && row.throughput() != null && again.throughput() != null) {
                if (row.throughputError() != null) {
                    coverable++;
                    covered += Math.abs(again.throughput() - row.throughput()) <= row.throughputError() ? 1 : 0;
                }
                Ratios.RowRatio ratio = Ratios.rowRatio(again, row);
                if (ratio != null) {
                    joined++;
                    same += Ratios.WITHIN_NOISE.equals(ratio.mark()) ? 1 : 0;
                }
            }
            ResultRow late = slowerByKey.get(key(row));
            if (late != null && latencyBound(row)) {
                Ratios.RowRatio ratio = Ratios.rowRatio(late, row);
                if (ratio != null) {
                    latencyBound++;
                    slowerMarked += Ratios.SLOWER.equals(ratio.mark()) ? 1 : 0;
                }
            }
        }
        return new Result(covered, coverable, same, joined, slowerMarked, latencyBound);
    }

    /** The report: the three shares against their targets, then every row. */
    public static String render(List<ResultRow> a, List<ResultRow> b, List<ResultRow> slower) {
        Result r = of(a, b, slower);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "Calibration of %d rows (run A, run B of the same code, run C at %s ms of latency):%n",
                a.size(), latencies(slower)));
        out.append(line("(a) B inside A's 99% interval", r.covered(), r.coverable(), r.coverage(), COVERAGE_TARGET));
        out.append(line("(b) compare B/A marks ~", r.same(), r.joined(), r.sameShare(), SAME_TARGET));
        out.append(line("(c) compare C/A marks - (latency-bound rows)", r.slower(), r.latencyBound(), r.slowerShare(),
                SLOWER_TARGET));
        out.append(r.onTarget() ? "All three on target.\n" : "NOT ON TARGET: see the rows below.\n");
        out.append(String.format(Locale.ROOT, "%n%-48s %5s %20s %20s %16s %16s%n", "family/workload/variant C", "forks",
                "A tasks/s ± 99%", "B tasks/s", "B/A", "C/A"));
        Map<String, ResultRow> bByKey = index(b);
        Map<String, ResultRow> slowerByKey = index(slower);
        for (ResultRow row : a) {
            ResultRow again = bByKey.get(key(row));
            ResultRow late = slowerByKey.get(key(row));
            out.append(String.format(Locale.ROOT, "%-48s %5s %20s %20s %16s %16s%n",
                    row.family() + "/" + row.workload() + "/" + row.variant() + " " + row.concurrency(),
                    row.forks() == null ? "-" : row.forks(),
                    row.throughput() == null ? "-" : String.format(Locale.ROOT, "%.1f ± %s", row.throughput(),
                            row.throughputError() == null ? "?" : oneDecimal(row.throughputError())),
                    again == null || again.throughput() == null ? "-" : oneDecimal(again.throughput()),
                    ratio(again, row), latencyBound(row) ? ratio(late, row) : "(not latency-bound)"));
        }
        return out.toString();
    }

    private static String oneDecimal(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String ratio(ResultRow row, ResultRow base) {
        Ratios.RowRatio r = row == null ? null : Ratios.rowRatio(row, base);
        return r == null ? "-" : String.format(Locale.ROOT, "%.3f %s", r.ratio(), r.mark());
    }

    private static String line(String what, int part, int whole, double share, double target) {
        return String.format(Locale.ROOT, "  %-46s %3d of %3d = %5.1f%% (target >= %.0f%%)%s%n", what, part, whole,
                share * 100, target * 100, Double.isNaN(share) || share < target ? "  MISSED" : "");
    }

    private static String latencies(List<ResultRow> rows) {
        return rows.stream().map(ResultRow::latencyMs).filter(java.util.Objects::nonNull).distinct().sorted()
                .map(String::valueOf).reduce((x, y) -> x + "," + y).orElse("?");
    }

    /**
     * On its Little's-law line in absolute terms: bound by Little's law or the server's limit, and
     * its throughput within {@value #ON_THE_LINE} of min(C or K, tasks) / latency, so that the
     * latency alone sets it (a mixed row's serial baseline, 50 ms of download and 13 ms of CPU per
     * image, is labelled Little's law against its own serial run, but 10% more latency makes it
     * only 7% slower).
     */
    static boolean latencyBound(ResultRow row) {
        if (!"littles-law".equals(row.bound()) && !"server-limit".equals(row.bound())) {
            return false;
        }
        if (row.throughput() == null || row.latencyMs() == null || row.latencyMs() <= 0 || row.concurrency() == null) {
            return false;
        }
        int inFlight = row.serverLimit() == null ? row.concurrency() : Math.min(row.concurrency(), row.serverLimit());
        if (row.tasks() != null) {
            inFlight = Math.min(inFlight, row.tasks());
        }
        return row.throughput() * row.latencyMs() / 1000.0 >= (1 - ON_THE_LINE) * inFlight;
    }

    /** How close to C / L a row must be to count as latency-bound. */
    static final double ON_THE_LINE = 0.10;

    /** The row's identity without its latency, which the slower run changes on purpose. */
    private static String key(ResultRow r) {
        return String.join("|", String.valueOf(r.runtime()), String.valueOf(r.family()), r.workload(),
                String.valueOf(r.variant()), String.valueOf(r.concurrency()), String.valueOf(r.workers()),
                String.valueOf(r.tasks()), String.valueOf(r.serverLimit()));
    }

    private static Map<String, ResultRow> index(List<ResultRow> rows) {
        Map<String, ResultRow> byKey = new LinkedHashMap<>();
        rows.forEach(r -> byKey.putIfAbsent(key(r), r));
        return byKey;
    }
}
