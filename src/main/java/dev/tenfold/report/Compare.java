package dev.tenfold.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * {@code compare A.csv B.csv ...}: joins rows on what was measured (runtime, family, workload,
 * variant, concurrency, workers, latency, tasks) and gives, for every other file against the first,
 * each row's throughput ratio with its 99% interval (Fieller's theorem on the two rows' means,
 * standard errors recovered from {@code throughput_error} and {@code samples}) and a mark:
 * {@code +} faster beyond noise, {@code -} slower beyond noise, {@code ~} within noise, {@code ?}
 * no interval (a row of one sample, e.g. smoke). Beyond noise means both: the interval excludes 1
 * (the noise each run measured), and the ratio is more than {@link #RUN_TO_RUN} away from 1 (the
 * noise between runs, which one fork's interval does not hold: two quick runs of one commit on
 * one machine differed by up to 4% with intervals of +-3%). Then
 * the geometric mean of the ratios per family with its interval, one summary line, and every
 * difference in the conditions of the runs (profile, JDK, usable cores, CPU policy, a busy
 * machine, batch sizes) named, since any of them alone can explain a difference. Draws
 * {@code compare.png}: the per-family geometric means with their intervals.
 */
public final class Compare {
    /** The marks, as the table prints them. */
    static final String FASTER = "+";
    static final String SLOWER = "-";
    static final String WITHIN_NOISE = "~";
    static final String NO_INTERVAL = "?";
    /** Summary key of a row with no throughput (or zero) in one of the files: no ratio at all. */
    private static final String NO_RATIO = "-none";
    /** Differences smaller than this share are within run-to-run noise, whatever the intervals say. */
    static final double RUN_TO_RUN = 0.05;

    private Compare() {
    }

    /** One row of another file against the same row of the first: ratio, its interval (or null) and the mark. */
    record RowRatio(double ratio, Statistics.Interval interval, String mark) {
    }

    /** A family's geometric mean of ratios, its interval (null when a row has none), and its row count. */
    record FamilyMean(double geomean, Statistics.Interval interval, int rows) {
    }

    /**
     * Compares {@code files} (at least two) and returns the table; writes {@code pngDir/compare.png}.
     *
     * @throws IllegalArgumentException with a one-line message when a file is not a results CSV
     *                                  (header differs from SPEC.md's) or has no rows
     */
    public static String run(List<Path> files, Path pngDir) throws IOException {
        if (files.size() < 2) {
            throw new IllegalArgumentException("compare needs at least two results CSVs, got " + files.size());
        }
        List<List<ResultRow>> runs = new ArrayList<>();
        for (Path f : files) {
            List<ResultRow> rows = CsvFormat.read(f);
            if (rows.isEmpty()) {
                throw new IllegalArgumentException(f + " has no result rows");
            }
            runs.add(rows);
        }
        List<String> labels = runs.stream().map(r -> r.get(0).host() + " " + r.get(0).runId()).toList();
        StringBuilder out = new StringBuilder("Machines:\n");
        for (int i = 0; i < runs.size(); i++) {
            ResultRow r = runs.get(i).get(0);
            out.append(String.format(Locale.ROOT, "  [%d] %s: %s, %s usable of %d logical / %d physical cores, %.1f GiB, %s, %s, profile %s (%s)%n",
                    i, labels.get(i), r.cpuModel(), r.usableCores() == null ? "?" : r.usableCores(), r.logicalCores(),
                    r.physicalCores(), r.memoryGb(), r.os(), r.jdk(), r.profile() == null ? "-" : r.profile(), files.get(i)));
        }
        for (int i = 1; i < runs.size(); i++) {
            List<String> differences = conditionDifferences(runs.get(0), runs.get(i), i);
            out.append(differences.isEmpty()
                    ? String.format(Locale.ROOT, "  [%d] vs [0]: same conditions (profile, JDK, usable cores, CPU policy, batch sizes, idle machine)%n", i)
                    : String.format(Locale.ROOT, "  [%d] vs [0] DIFFER IN CONDITIONS: %s%n", i, String.join("; ", differences)));
        }
        List<Map<String, ResultRow>> byKey = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            byKey.add(index(runs.get(i), files.get(i)));
        }
        for (int i = 1; i < runs.size(); i++) {
            if (byKey.get(i).keySet().stream().noneMatch(byKey.get(0)::containsKey)) {
                throw new IllegalArgumentException(files.get(i) + " and " + files.get(0)
                        + " have no row in common (same family, workload, variant, C, W, latency, tasks and runtime)");
            }
        }
        Map<String, ResultRow> union = new LinkedHashMap<>();
        byKey.forEach(m -> m.forEach(union::putIfAbsent));

        out.append(String.format(Locale.ROOT, "%nThroughput (tasks/s ± 99%% CI) and ratio against [0] with its 99%% interval;"
                + " + faster, - slower beyond noise (interval excludes 1 and the ratio is beyond ±%.0f%%, the run-to-run floor),"
                + " ~ within noise, ? no interval:%n%-52s", RUN_TO_RUN * 100, "family/workload/variant C W latency tasks"));
        for (int i = 0; i < runs.size(); i++) {
            out.append(String.format(Locale.ROOT, " %18s", "[" + i + "]")).append(i > 0 ? String.format(Locale.ROOT, " %22s", "ratio [99% CI]") : "");
        }
        out.append('\n');
        // ratios.get(i - 1): family -> the ratios of file i against file 0, per joined row
        List<Map<String, List<Ratio>>> ratios = new ArrayList<>();
        List<Map<String, Integer>> markCounts = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            ratios.add(new TreeMap<>());
            markCounts.add(new TreeMap<>());
        }
        List<String> partial = new ArrayList<>();
        for (Map.Entry<String, ResultRow> e : union.entrySet()) {
            ResultRow any = e.getValue();
            String name = String.format(Locale.ROOT, "%s%s/%s/%s %s %s %s %s",
                    "python".equals(any.runtime()) ? "python:" : "", any.family(), any.workload(), any.variant(),
                    dash(any.concurrency()), dash(any.workers()), dash(any.latencyMs()), dash(any.tasks()));
            List<String> in = new ArrayList<>();
            for (int i = 0; i < byKey.size(); i++) {
                if (byKey.get(i).containsKey(e.getKey())) {
                    in.add("[" + i + "]");
                }
            }
            if (in.size() < byKey.size()) {
                partial.add(String.format(Locale.ROOT, "%-52s only in %s", name, String.join(" ", in)));
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-52s", name));
            ResultRow base = byKey.get(0).get(e.getKey());
            for (int i = 0; i < runs.size(); i++) {
                ResultRow row = byKey.get(i).get(e.getKey());
                out.append(String.format(Locale.ROOT, " %18s", row.throughput() == null ? "-"
                        : String.format(Locale.ROOT, "%.1f", row.throughput())
                        + (row.throughputError() == null ? "" : String.format(Locale.ROOT, " ± %.1f", row.throughputError()))));
                if (i > 0) {
                    RowRatio ratio = rowRatio(row, base);
                    out.append(String.format(Locale.ROOT, " %22s", ratio == null ? "-" : format(ratio)));
                    if (ratio != null) {
                        ratios.get(i - 1).computeIfAbsent((any.python() ? "python:" : "") + any.family(), k -> new ArrayList<>()).add(new Ratio(row, base));
                    }
                    markCounts.get(i - 1).merge(ratio == null ? NO_RATIO : ratio.mark(), 1, Integer::sum);
                }
            }
            out.append('\n');
        }

        TreeSet<String> families = new TreeSet<>();
        ratios.forEach(m -> families.addAll(m.keySet()));
        for (int i = 1; i < runs.size(); i++) {
            Map<String, Integer> marks = markCounts.get(i - 1);
            int total = marks.values().stream().mapToInt(Integer::intValue).sum();
            int differ = marks.getOrDefault(FASTER, 0) + marks.getOrDefault(SLOWER, 0);
            out.append(String.format(Locale.ROOT, "%n[%d] vs [0]: %d of %d rows differ beyond noise (%d +, %d -), %d within noise (~)%s%n",
                    i, differ, total, marks.getOrDefault(FASTER, 0), marks.getOrDefault(SLOWER, 0),
                    marks.getOrDefault(WITHIN_NOISE, 0),
                    (marks.containsKey(NO_INTERVAL) ? ", " + marks.get(NO_INTERVAL) + " without an interval (?)" : "")
                    + (marks.containsKey(NO_RATIO) ? ", " + marks.get(NO_RATIO) + " without a throughput in one file (-)" : "")));
        }
        out.append(String.format(Locale.ROOT, "%nGeometric mean of throughput ratios against [0], per family, with its 99%% interval:%n%-12s", "family"));
        for (int i = 1; i < runs.size(); i++) {
            out.append(String.format(Locale.ROOT, " %30s", "[" + i + "]/[0] [99% CI] (rows)"));
        }
        out.append('\n');
        List<Map<String, FamilyMean>> means = ratios.stream().map(m -> {
            Map<String, FamilyMean> g = new TreeMap<>();
            m.forEach((family, list) -> g.put(family, familyMean(list)));
            return g;
        }).toList();
        for (String family : families) {
            out.append(String.format(Locale.ROOT, "%-12s", family));
            for (Map<String, FamilyMean> m : means) {
                FamilyMean g = m.get(family);
                out.append(String.format(Locale.ROOT, " %30s", g == null ? "-" : String.format(Locale.ROOT, "%s (%d)",
                        format(new RowRatio(g.geomean(), g.interval(), mark(g.geomean(), g.interval()))), g.rows())));
            }
            out.append('\n');
        }
        if (families.isEmpty()) {
            out.append("  (no row was measured on every machine: nothing to compare)\n");
        }
        if (!partial.isEmpty()) {
            out.append("\nOnly in some files (not compared; a different batch size or sweep makes a different row):\n");
            partial.forEach(p -> out.append("  ").append(p).append('\n'));
        }
        if (!families.isEmpty()) {
            Path png = chart(pngDir, labels, new ArrayList<>(families), means);
            out.append("\nPlot: ").append(png).append('\n');
        }
        return out.toString();
    }

    /** A joined pair: the row of another file and the same row of the first. */
    record Ratio(ResultRow row, ResultRow base) {
    }

    /** The ratio of two rows' throughputs with its interval and mark; null when either throughput is missing. */
    static RowRatio rowRatio(ResultRow row, ResultRow base) {
        if (row.throughput() == null || base.throughput() == null || row.throughput() <= 0 || base.throughput() <= 0) {
            return null;
        }
        Statistics.Interval interval = Statistics.ratio(estimate(row), estimate(base));
        double ratio = row.throughput() / base.throughput();
        return new RowRatio(ratio, interval, mark(ratio, interval));
    }

    /** The mark of a ratio: beyond noise when its interval excludes 1 and it differs from 1 by more than the run-to-run floor. */
    static String mark(double ratio, Statistics.Interval interval) {
        if (interval == null) {
            return NO_INTERVAL;
        }
        if (interval.low() > 1 && ratio > 1 + RUN_TO_RUN) {
            return FASTER;
        }
        return interval.high() < 1 && ratio < 1 / (1 + RUN_TO_RUN) ? SLOWER : WITHIN_NOISE;
    }

    private static Statistics.Estimate estimate(ResultRow r) {
        return Statistics.Estimate.fromInterval(r.throughput(), r.throughputError(), r.samples());
    }

    /**
     * The geometric mean of a family's ratios and its interval: the mean of the log ratios, whose
     * variance is the sum of each row's (delta method: (se/mean)^2 of both sides) over m^2, with
     * Welch-Satterthwaite degrees of freedom. Null interval when a row has none.
     */
    static FamilyMean familyMean(List<Ratio> pairs) {
        double logSum = 0;
        double variance = 0;
        double dfDenominator = 0;
        boolean complete = true;
        List<Ratio> usable = pairs.stream().filter(p -> rowRatio(p.row(), p.base()) != null).toList();
        boolean unbounded = usable.stream().map(p -> rowRatio(p.row(), p.base()).interval())
                .anyMatch(i -> i != null && Double.isInfinite(i.high()));
        for (Ratio p : usable) {
            logSum += Math.log(p.row().throughput() / p.base().throughput());
            for (Statistics.Estimate e : List.of(estimate(p.row()), estimate(p.base()))) {
                if (Double.isNaN(e.standardError())) {
                    complete = false;
                    continue;
                }
                double v = Math.pow(e.standardError() / e.mean(), 2);
                variance += v;
                dfDenominator += v * v / (e.n() - 1);
            }
        }
        int m = usable.size();
        double mean = logSum / Math.max(1, m);
        if (!complete || m == 0) {
            return new FamilyMean(Math.exp(mean), null, m);
        }
        if (unbounded) {
            return new FamilyMean(Math.exp(mean), new Statistics.Interval(0, Double.POSITIVE_INFINITY), m);
        }
        double df = dfDenominator == 0 ? 1e9 : variance * variance / dfDenominator;
        double half = Statistics.tQuantile(df) * Math.sqrt(variance) / m;
        return new FamilyMean(Math.exp(mean), new Statistics.Interval(Math.exp(mean - half), Math.exp(mean + half)), m);
    }

    /**
     * What differs between two runs besides the machine itself: each alone can move a figure. The
     * machine's own identity (CPU, cores, memory) is printed above; these are the settings.
     */
    static List<String> conditionDifferences(List<ResultRow> base, List<ResultRow> other, int index) {
        List<String> out = new ArrayList<>();
        ResultRow a = base.get(0);
        ResultRow b = other.get(0);
        differs(out, "profile", a, b, ResultRow::profile);
        differs(out, "JDK", a, b, ResultRow::jdk);
        differs(out, "usable cores", a, b, ResultRow::usableCores);
        differs(out, "logical cores", a, b, ResultRow::logicalCores);
        differs(out, "CPU", a, b, ResultRow::cpuModel);
        differs(out, "CPU policy", a, b, ResultRow::cpuPolicy);
        for (int i = 0; i < 2; i++) {
            List<ResultRow> rows = i == 0 ? base : other;
            if (rows.stream().anyMatch(ResultRow::busyMachine)) {
                out.add("[" + (i == 0 ? 0 : index) + "] ran on a BUSY machine (load " + rows.get(0).loadStart()
                        + " per usable core at start, or > 5% CPU stolen)");
            }
        }
        Map<String, Integer> tasksA = tasksByRow(base);
        Map<String, Integer> tasksB = tasksByRow(other);
        long differentBatches = tasksA.keySet().stream().filter(k -> tasksB.containsKey(k)
                && !Objects.equals(tasksA.get(k), tasksB.get(k))).count();
        if (differentBatches > 0) {
            out.add(differentBatches + " row(s) measured with other batch sizes (tasks): not joined");
        }
        return out;
    }

    private static <T> void differs(List<String> out, String what, ResultRow a, ResultRow b, Function<ResultRow, T> field) {
        T x = field.apply(a);
        T y = field.apply(b);
        if (x != null && y != null && !x.equals(y)) {
            out.add(what + " " + y + " vs " + x);
        }
    }

    /** Tasks per batch of each row, keyed by everything but the batch size. */
    private static Map<String, Integer> tasksByRow(List<ResultRow> rows) {
        Map<String, Integer> map = new LinkedHashMap<>();
        rows.forEach(r -> map.putIfAbsent(String.join("|", String.valueOf(r.runtime()), r.family(), r.workload(), r.variant(),
                String.valueOf(r.concurrency()), String.valueOf(r.workers()), String.valueOf(r.latencyMs())), r.tasks()));
        return map;
    }

    private static String format(RowRatio r) {
        if (r.interval() == null) {
            return String.format(Locale.ROOT, "%.2f %s", r.ratio(), r.mark());
        }
        return String.format(Locale.ROOT, "%.2f [%.2f, %s] %s", r.ratio(), r.interval().low(),
                Double.isInfinite(r.interval().high()) ? "inf" : String.format(Locale.ROOT, "%.2f", r.interval().high()), r.mark());
    }

    private static Path chart(Path pngDir, List<String> labels, List<String> families, List<Map<String, FamilyMean>> means)
            throws IOException {
        Files.createDirectories(pngDir);
        Path png = pngDir.resolve("compare.png");
        CategoryChart chart = new CategoryChartBuilder().width(900).height(560)
                .title("Throughput against " + labels.get(0) + " (geometric mean of per-row ratios, per family, 99% CI)")
                .xAxisTitle("family").yAxisTitle("throughput ratio (1 = same as " + labels.get(0) + ")").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDecimalPattern("0.00");
        chart.getStyler().setErrorBarsColor(Color.BLACK);
        for (int i = 0; i < means.size(); i++) {
            Map<String, FamilyMean> g = means.get(i);
            List<Double> ys = families.stream().map(f -> g.containsKey(f) ? g.get(f).geomean() : 0.0).toList();
            // XChart's error bars are symmetric: the wider side of the (log-symmetric) interval.
            List<Double> errors = families.stream().map(f -> {
                FamilyMean m = g.get(f);
                return m == null || m.interval() == null || Double.isInfinite(m.interval().high()) ? 0.0
                        : Math.max(m.interval().high() - m.geomean(), m.geomean() - m.interval().low());
            }).toList();
            chart.addSeries("[" + (i + 1) + "] " + labels.get(i + 1) + " / [0] " + labels.get(0), families, ys, errors);
        }
        return Png.save(chart, png);
    }

    /** The rows of one file by join key; two rows with one key make the comparison ambiguous. */
    private static Map<String, ResultRow> index(List<ResultRow> rows, Path file) {
        Map<String, ResultRow> map = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            if (map.putIfAbsent(r.joinKey(), r) != null) {
                throw new IllegalArgumentException(file + " has two rows for " + r.joinKey() + ": cannot tell which to compare");
            }
        }
        return map;
    }

    private static String dash(Integer v) {
        return v == null ? "-" : v.toString();
    }
}
