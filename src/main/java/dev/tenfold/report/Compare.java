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
import java.util.TreeMap;
import java.util.TreeSet;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * {@code compare A.csv B.csv ...}: joins rows on what was measured (family, workload, variant,
 * concurrency, workers, latency, tasks), prints throughput per machine and the ratio against the
 * first file, the geometric mean of the ratios per family for every other file, and the rows only
 * some files have. Draws {@code compare.png}: the per-family geometric means, one bar per file.
 */
public final class Compare {
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
            out.append(String.format(Locale.ROOT, "  [%d] %s: %s, %d logical / %d physical cores, %.1f GiB, %s, %s, profile %s (%s)%n",
                    i, labels.get(i), r.cpuModel(), r.logicalCores(), r.physicalCores(), r.memoryGb(), r.os(), r.jdk(),
                    r.profile() == null ? "-" : r.profile(), files.get(i)));
        }
        List<Map<String, ResultRow>> byKey = runs.stream().map(Compare::index).toList();
        Map<String, ResultRow> union = new LinkedHashMap<>();
        byKey.forEach(m -> m.forEach(union::putIfAbsent));

        out.append(String.format(Locale.ROOT, "%nThroughput (tasks/s) and ratio against [0]:%n%-52s", "family/workload/variant C W latency tasks"));
        for (int i = 0; i < runs.size(); i++) {
            out.append(String.format(Locale.ROOT, " %12s", "[" + i + "]")).append(i > 0 ? String.format(Locale.ROOT, " %7s", "ratio") : "");
        }
        out.append('\n');
        // logRatios.get(i - 1): family -> log(throughput of file i / throughput of file 0), per joined row
        List<Map<String, List<Double>>> logRatios = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            logRatios.add(new TreeMap<>());
        }
        List<String> partial = new ArrayList<>();
        for (Map.Entry<String, ResultRow> e : union.entrySet()) {
            ResultRow any = e.getValue();
            String name = String.format(Locale.ROOT, "%s/%s/%s %s %s %s %s", any.family(), any.workload(), any.variant(),
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
            Double base = byKey.get(0).get(e.getKey()).throughput();
            for (int i = 0; i < runs.size(); i++) {
                Double t = byKey.get(i).get(e.getKey()).throughput();
                out.append(String.format(Locale.ROOT, " %12s", t == null ? "-" : String.format(Locale.ROOT, "%.1f", t)));
                if (i > 0) {
                    Double ratio = ratio(t, base);
                    out.append(String.format(Locale.ROOT, " %7s", ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio)));
                    if (ratio != null) {
                        logRatios.get(i - 1).computeIfAbsent(any.family(), k -> new ArrayList<>()).add(Math.log(ratio));
                    }
                }
            }
            out.append('\n');
        }

        TreeSet<String> families = new TreeSet<>();
        logRatios.forEach(m -> families.addAll(m.keySet()));
        out.append(String.format(Locale.ROOT, "%nGeometric mean of throughput ratios against [0], per family:%n%-12s", "family"));
        for (int i = 1; i < runs.size(); i++) {
            out.append(String.format(Locale.ROOT, " %16s", "[" + i + "]/[0] (rows)"));
        }
        out.append('\n');
        List<Map<String, Double>> geomeans = logRatios.stream().map(Compare::geomean).toList();
        for (String family : families) {
            out.append(String.format(Locale.ROOT, "%-12s", family));
            for (int i = 0; i < geomeans.size(); i++) {
                Double g = geomeans.get(i).get(family);
                int n = logRatios.get(i).getOrDefault(family, List.of()).size();
                out.append(String.format(Locale.ROOT, " %16s", g == null ? "-" : String.format(Locale.ROOT, "%.3f (%d)", g, n)));
            }
            out.append('\n');
        }
        if (families.isEmpty()) {
            out.append("  (no row was measured on every machine: nothing to compare)\n");
        }
        if (!partial.isEmpty()) {
            out.append("\nOnly in some files (not compared):\n");
            partial.forEach(p -> out.append("  ").append(p).append('\n'));
        }
        if (!families.isEmpty()) {
            Path png = chart(pngDir, labels, new ArrayList<>(families), geomeans);
            out.append("\nPlot: ").append(png).append('\n');
        }
        return out.toString();
    }

    /** The ratio of two throughputs, or null when either is missing or not positive. */
    static Double ratio(Double t, Double base) {
        return t == null || base == null || base <= 0 || t <= 0 ? null : t / base;
    }

    private static Map<String, Double> geomean(Map<String, List<Double>> logsByFamily) {
        Map<String, Double> g = new TreeMap<>();
        logsByFamily.forEach((family, logs) -> g.put(family, Math.exp(logs.stream().mapToDouble(d -> d).average().orElse(0))));
        return g;
    }

    private static Path chart(Path pngDir, List<String> labels, List<String> families, List<Map<String, Double>> geomeans)
            throws IOException {
        Files.createDirectories(pngDir);
        Path png = pngDir.resolve("compare.png");
        CategoryChart chart = new CategoryChartBuilder().width(900).height(560)
                .title("Throughput against " + labels.get(0) + " (geometric mean of per-row ratios, per family)")
                .xAxisTitle("family").yAxisTitle("throughput ratio (1 = same as " + labels.get(0) + ")").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setDecimalPattern("0.00");
        for (int i = 0; i < geomeans.size(); i++) {
            Map<String, Double> g = geomeans.get(i);
            List<Double> ys = families.stream().map(f -> g.getOrDefault(f, 0.0)).toList();
            chart.addSeries("[" + (i + 1) + "] " + labels.get(i + 1) + " / [0] " + labels.get(0), families, ys);
        }
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        return png;
    }

    private static Map<String, ResultRow> index(List<ResultRow> rows) {
        Map<String, ResultRow> map = new LinkedHashMap<>();
        rows.forEach(r -> map.putIfAbsent(r.joinKey(), r));
        return map;
    }

    private static String dash(Integer v) {
        return v == null ? "-" : v.toString();
    }
}
