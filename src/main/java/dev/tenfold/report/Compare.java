package dev.tenfold.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * {@code compare A.csv B.csv ...}: joins rows on what was measured (family, workload, variant,
 * concurrency, workers, latency, tasks), prints throughput per machine and the ratio against the
 * first file, the geometric mean of the ratios per family, and the rows only some files have.
 */
public final class Compare {
    private Compare() {
    }

    public static String run(List<Path> files, Path pngDir) throws IOException {
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
            out.append(String.format(Locale.ROOT, "  [%d] %s: %s, %d/%d cores, %.1f GiB, %s, %s (%s)%n", i, r.host(),
                    r.cpuModel(), r.logicalCores(), r.physicalCores(), r.memoryGb(), r.os(), r.jdk(), files.get(i)));
        }
        List<Map<String, ResultRow>> byKey = runs.stream().map(Compare::index).toList();
        Map<String, ResultRow> union = new LinkedHashMap<>();
        byKey.forEach(m -> m.forEach(union::putIfAbsent));

        out.append(String.format(Locale.ROOT, "%nThroughput (tasks/s) and ratio against [0]:%n%-44s", "family/workload/variant C W latency tasks"));
        for (int i = 0; i < runs.size(); i++) {
            out.append(String.format(Locale.ROOT, " %12s", "[" + i + "]")).append(i > 0 ? String.format(Locale.ROOT, " %7s", "ratio") : "");
        }
        out.append('\n');
        Map<String, List<Double>> logRatios = new TreeMap<>();
        List<String> partial = new ArrayList<>();
        for (Map.Entry<String, ResultRow> e : union.entrySet()) {
            ResultRow any = e.getValue();
            String name = String.format(Locale.ROOT, "%s/%s/%s %s %s %s %s", any.family(), any.workload(), any.variant(),
                    dash(any.concurrency()), dash(any.workers()), dash(any.latencyMs()), dash(any.tasks()));
            boolean everywhere = byKey.stream().allMatch(m -> m.containsKey(e.getKey()));
            if (!everywhere) {
                partial.add(name);
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-44s", name));
            Double base = byKey.get(0).get(e.getKey()).throughput();
            for (int i = 0; i < runs.size(); i++) {
                Double t = byKey.get(i).get(e.getKey()).throughput();
                out.append(String.format(Locale.ROOT, " %12s", t == null ? "-" : String.format(Locale.ROOT, "%.1f", t)));
                if (i > 0) {
                    Double ratio = t == null || base == null || base <= 0 ? null : t / base;
                    out.append(String.format(Locale.ROOT, " %7s", ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio)));
                    if (ratio != null && ratio > 0 && i == 1) {
                        logRatios.computeIfAbsent(any.family(), k -> new ArrayList<>()).add(Math.log(ratio));
                    }
                }
            }
            out.append('\n');
        }
        Map<String, Double> geomean = new TreeMap<>();
        logRatios.forEach((family, logs) -> geomean.put(family, Math.exp(logs.stream().mapToDouble(d -> d).average().orElse(0))));
        out.append(String.format(Locale.ROOT, "%nGeometric mean of throughput ratios, [1] against [0], per family:%n"));
        geomean.forEach((family, g) -> out.append(String.format(Locale.ROOT, "  %-12s %.3f (%d rows)%n", family, g,
                logRatios.get(family).size())));
        if (runs.size() > 2) {
            out.append("  (further files: see their ratio columns above)\n");
        }
        if (!partial.isEmpty()) {
            out.append("\nOnly in some files (not compared):\n");
            partial.forEach(p -> out.append("  ").append(p).append('\n'));
        }
        if (!geomean.isEmpty()) {
            Files.createDirectories(pngDir);
            Path png = pngDir.resolve("compare.png");
            CategoryChart chart = new CategoryChartBuilder().width(900).height(560)
                    .title("Throughput of " + labels.get(1) + " / " + labels.get(0) + " (geometric mean per family)")
                    .xAxisTitle("family").yAxisTitle("throughput ratio (1 = same)").build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            chart.addSeries("geometric mean ratio", new ArrayList<>(geomean.keySet()), new ArrayList<>(geomean.values()));
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
            out.append("\nPlot: ").append(png).append('\n');
        }
        return out.toString();
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
