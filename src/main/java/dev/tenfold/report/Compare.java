package dev.tenfold.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code compare A.csv B.csv ...}: joins rows on what was measured (runtime, family, workload,
 * variant, concurrency, workers, latency, tasks) and gives, for every other file against the first,
 * each row's throughput ratio with its 99% interval (Fieller's theorem on the two rows' means,
 * standard errors recovered from {@code throughput_error} and {@code samples}) and a mark:
 * {@code +} faster beyond noise, {@code -} slower beyond noise, {@code ~} within noise, {@code ?}
 * no interval (a row of one sample, e.g. smoke). Beyond noise means both: the interval excludes 1
 * (the noise each run measured), and the ratio is more than {@link Ratios#RUN_TO_RUN} away from 1 (the
 * noise between runs, which one fork's interval does not hold: two quick runs of one commit on
 * one machine differed by up to 4% with intervals of +-3%). Then
 * the geometric mean of the ratios per family with its interval, one summary line, and every
 * difference in the conditions of the runs (profile, JDK, usable cores, CPU policy, a busy
 * machine, batch sizes) named, since any of them alone can explain a difference. Draws
 * {@code compare.png}: the per-family geometric means with their intervals.
 */
public final class Compare {
    /** Summary key of a row with no throughput (or zero) in one of the files: no ratio at all. */
    private static final String NO_RATIO = "-none";
    private Compare() {
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
            out.append(String.format(Locale.ROOT,
                    "  [%d] %s: %s, %s usable of %d logical / %d physical cores, %.1f GiB, %s, %s, profile %s (%s)%n",
                    i, labels.get(i), r.cpuModel(), r.usableCores() == null ? "?" : r.usableCores(), r.logicalCores(),
                    r.physicalCores(), r.memoryGb(), r.os(), r.jdk(), r.profile() == null ? "-" : r.profile(),
                    files.get(i)));
        }
        for (int i = 1; i < runs.size(); i++) {
            List<String> differences = RunConditions.differences(runs.get(0), runs.get(i), i);
            out.append(differences.isEmpty()
                    ? String.format(Locale.ROOT,
                    "  [%d] vs [0]: same conditions (profile, JDK, usable cores, CPU policy, batch sizes, idle "
                    + "machine)%n", i)
                    : String.format(Locale.ROOT, "  [%d] vs [0] DIFFER IN CONDITIONS: %s%n", i,
                    String.join("; ", differences)));
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

        out.append(String.format(Locale.ROOT,
                "%nThroughput (tasks/s ± 99%% CI) and ratio against [0] with its 99%% interval;"
                + " + faster, - slower beyond noise (interval excludes 1 and the ratio is beyond ±%.0f%%, the "
                + "run-to-run floor),"
                + " ~ within noise, ? no interval:%n%-52s", Ratios.RUN_TO_RUN * 100,
                "family/workload/variant C W latency tasks"));
        for (int i = 0; i < runs.size(); i++) {
            out.append(String.format(Locale.ROOT, " %18s", "[" + i + "]")).append(i > 0
                    ? String.format(Locale.ROOT, " %22s", "ratio [99% CI]") : "");
        }
        out.append('\n');
        // ratios.get(i - 1): family -> the ratios of file i against file 0, per joined row
        List<Map<String, List<Ratios.Ratio>>> ratios = new ArrayList<>();
        List<Map<String, Integer>> markCounts = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            ratios.add(new TreeMap<>());
            markCounts.add(new TreeMap<>());
        }
        List<String> partial = new ArrayList<>();
        for (Map.Entry<String, ResultRow> e : union.entrySet()) {
            ResultRow any = e.getValue();
            String name = String.format(Locale.ROOT, "%s%s/%s/%s %s %s %s %s",
                    any.python() ? "python:" : "", any.family(), any.workload(), any.variant(),
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
                        + (row.throughputError() == null ? ""
                        : String.format(Locale.ROOT, " ± %.1f", row.throughputError()))));
                if (i > 0) {
                    Ratios.RowRatio ratio = Ratios.rowRatio(row, base);
                    out.append(String.format(Locale.ROOT, " %22s", ratio == null ? "-" : format(ratio)));
                    if (ratio != null) {
                        ratios.get(i - 1).computeIfAbsent((any.python() ? "python:" : "") + any.family(),
                                k -> new ArrayList<>()).add(new Ratios.Ratio(row, base));
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
            int differ = marks.getOrDefault(Ratios.FASTER, 0) + marks.getOrDefault(Ratios.SLOWER, 0);
            out.append(String.format(Locale.ROOT,
                    "%n[%d] vs [0]: %d of %d rows differ beyond noise (%d +, %d -), %d within noise (~)%s%n",
                    i, differ, total, marks.getOrDefault(Ratios.FASTER, 0), marks.getOrDefault(Ratios.SLOWER, 0),
                    marks.getOrDefault(Ratios.WITHIN_NOISE, 0),
                    (marks.containsKey(Ratios.NO_INTERVAL) ? ", " + marks.get(Ratios.NO_INTERVAL)
                    + " without an interval (?)" : "")
                    + (marks.containsKey(NO_RATIO) ? ", " + marks.get(NO_RATIO)
                    + " without a throughput in one file (-)" : "")));
        }
        out.append(String.format(Locale.ROOT,
                "%nGeometric mean of throughput ratios against [0], per family, with its 99%% interval:%n%-12s",
                "family"));
        for (int i = 1; i < runs.size(); i++) {
            out.append(String.format(Locale.ROOT, " %30s", "[" + i + "]/[0] [99% CI] (rows)"));
        }
        out.append('\n');
        List<Map<String, Ratios.FamilyMean>> means = ratios.stream().map(m -> {
            Map<String, Ratios.FamilyMean> g = new TreeMap<>();
            m.forEach((family, list) -> g.put(family, Ratios.familyMean(list)));
            return g;
        }).toList();
        for (String family : families) {
            out.append(String.format(Locale.ROOT, "%-12s", family));
            for (Map<String, Ratios.FamilyMean> m : means) {
                Ratios.FamilyMean g = m.get(family);
                out.append(String.format(Locale.ROOT, " %30s", g == null ? "-" : String.format(Locale.ROOT, "%s (%d)",
                        format(new Ratios.RowRatio(g.geomean(), g.interval(), Ratios.mark(g.geomean(), g.interval()))),
                        g.rows())));
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
            Path png = CompareChart.draw(pngDir, labels, new ArrayList<>(families), means);
            out.append("\nPlot: ").append(png).append('\n');
        }
        claims(out, runs, labels, pngDir);
        Ranking.append(out, runs);
        return out.toString();
    }

    /**
     * The claims view: per claim of the verdict and per machine, the figure with its interval and the
     * outcome; against [0], the ratio of the figures with a noise mark. The ratio's interval treats each
     * figure's interval as symmetric on a log scale and the machines as independent: log half-widths
     * add in quadrature.
     */
    private static void claims(StringBuilder out, List<List<ResultRow>> runs, List<String> labels, Path pngDir) throws
            IOException {
        List<Map<String, Claims.Judged>> judged = runs.stream().map(run -> {
            Map<String, Claims.Judged> byKey = new LinkedHashMap<>();
            Claims.judge(run).forEach(j -> byKey.put(j.key(), j));
            return byKey;
        }).toList();
        Map<String, Claims.Judged> union = new LinkedHashMap<>();
        for (Claims.Claim claim : Claims.ALL) { // claims in the verdict's order, subjects as the runs list them
            judged.forEach(m -> m.values().stream().filter(j -> j.claim().equals(claim.wording())).forEach(j
            -> union.putIfAbsent(j.key(), j)));
        }
        if (union.isEmpty()) {
            out.append("\nClaims: none of the verdict's claims has its rows in these files\n");
            return;
        }
        out.append("\nClaims, per machine: the figure [99% CI] and whether the claim holds there; against [0], the "
                + "ratio of the figures with its mark (+ / - beyond noise, ~ within it):\n");
        String claim = null;
        for (Claims.Judged any : union.values()) {
            if (!any.claim().equals(claim)) {
                claim = any.claim();
                out.append(claim).append('\n');
            }
            out.append(String.format(Locale.ROOT, "  %-32s", any.subject()));
            Claims.Judged base = judged.get(0).get(any.key());
            for (int i = 0; i < runs.size(); i++) {
                Claims.Judged j = judged.get(i).get(any.key());
                out.append(String.format(Locale.ROOT, " %-40s", j == null ? "-" : figure(j) + " " + j.outcome().text
                        + (j.note().isEmpty() ? "" : " (" + j.note() + ")")));
                if (i > 0) {
                    Ratios.RowRatio ratio = j == null || base == null ? null : claimRatio(j, base);
                    out.append(String.format(Locale.ROOT, " %-24s",
                            ratio == null ? "-" : "[" + i + "]/[0] " + format(ratio)));
                }
            }
            out.append('\n');
        }
        for (int i = 0; i < runs.size(); i++) {
            Map<Claims.Outcome, Long> counts = new java.util.EnumMap<>(Claims.Outcome.class);
            judged.get(i).values().forEach(j -> counts.merge(j.outcome(), 1L, Long::sum));
            out.append(String.format(Locale.ROOT, "  [%d] %s: %s%n", i, labels.get(i), counts.entrySet().stream()
                    .map(e -> e.getValue() + " "
                    + e.getKey().text).collect(java.util.stream.Collectors.joining(", "))));
        }
        Path png = CompareChart.claims(pngDir, labels, new ArrayList<>(union.values()), judged);
        out.append(png == null ? "(no claim's speedup was measured on every machine: no chart)\n" : "Plot: " + png
                + "\n");
    }

    /** {@code 14.80 [14.51, 15.10] of 16}: the figure, its interval, and for a speedup its ideal. */
    private static String figure(Claims.Judged j) {
        return (j.low() == null ? String.format(Locale.ROOT, "%.2f", j.figure())
                : String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", j.figure(), j.low(), j.high()))
                + (j.ideal() == null ? "" : String.format(Locale.ROOT, " of %.0f", j.ideal()));
    }

    /**
     * One machine's figure over the first's, its interval from both figures' intervals (log half-widths in quadrature).
     */
    static Ratios.RowRatio claimRatio(Claims.Judged j, Claims.Judged base) {
        if (j.figure() <= 0 || base.figure() <= 0) {
            return null;
        }
        double ratio = j.figure() / base.figure();
        if (j.low() == null || base.low() == null || j.low() <= 0 || base.low() <= 0) {
            return new Ratios.RowRatio(ratio, null, Ratios.NO_INTERVAL);
        }
        double spread = Math.hypot(Math.log(j.high() / j.low()) / 2, Math.log(base.high() / base.low()) / 2);
        Statistics.Interval interval = new Statistics.Interval(ratio * Math.exp(-spread), ratio * Math.exp(spread));
        return new Ratios.RowRatio(ratio, interval, Ratios.mark(ratio, interval));
    }

    private static String format(Ratios.RowRatio r) {
        if (r.interval() == null) {
            return String.format(Locale.ROOT, "%.2f %s", r.ratio(), r.mark());
        }
        return String.format(Locale.ROOT, "%.2f [%.2f, %s] %s", r.ratio(), r.interval().low(),
                Double.isInfinite(r.interval().high()) ? "inf"
                : String.format(Locale.ROOT, "%.2f", r.interval().high()), r.mark());
    }

    /** The rows of one file by join key; two rows with one key make the comparison ambiguous. */
    private static Map<String, ResultRow> index(List<ResultRow> rows, Path file) {
        Map<String, ResultRow> map = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            if (map.putIfAbsent(r.joinKey(), r) != null) {
                throw new IllegalArgumentException(file + " has two rows for " + r.joinKey()
                        + ": cannot tell which to compare");
            }
        }
        return map;
    }

    private static String dash(Integer v) {
        return v == null ? "-" : v.toString();
    }
}
