package dev.tenfold.report;

import dev.tenfold.vocabulary.Variant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;

/**
 * {@code cpu-speedup.png}: every CPU workload against every model at the most threads or workers
 * it ran, one group of bars per workload with each bar's 99% interval, and the cores line that
 * no model can pass: the CPU family on one page, where a line per workload would hold 2-3 points.
 * The hand-off workloads (worker JVMs only: what carrying an input to them costs) keep their own charts.
 */
final class CpuChart {
    private CpuChart() {
    }

    /** {@code rows}: the CPU family's rows that have a speedup, serial left out. */
    static CategoryChart draw(List<ResultRow> all, String profile) {
        List<ResultRow> rows = all.stream().filter(r -> !r.workload().startsWith("handoff")).toList();
        if (rows.isEmpty()) {
            return null;
        }
        List<String> workloads = rows.stream().map(ResultRow::workload).distinct().toList();
        Map<Variant, Map<String, ResultRow>> byModel = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            byModel.computeIfAbsent(r.variant(), k -> new LinkedHashMap<>())
                    .merge(r.workload(), r, (a, b) -> Charts.x(a) >= Charts.x(b) ? a : b);
        }
        int cores = rows.get(0).usableCores() == null ? 1 : rows.get(0).usableCores();
        CategoryChart chart =
                Charts.categoryChart("cpu: speedup over serial per workload, each model at its most threads or workers"
                + "  |  " + Charts.subtitle(rows, profile), "workload", "speedup (x serial), 99% interval");
        chart.getStyler().setSeriesColors(Charts.SERIES_COLORS);
        chart.getStyler().setErrorBarsColor(java.awt.Color.BLACK);
        chart.getStyler().setLabelsVisible(false);
                // a model a profile does not run on a workload has no bar, not one labelled 0
        byModel.forEach((model, byWorkload) -> chart.addSeries(model.toString(),
                workloads, workloads.stream().map(w -> byWorkload.containsKey(w) ? byWorkload.get(w).speedup()
                : 0.0).toList(),
                workloads.stream().map(w -> byWorkload.containsKey(w) && Charts.speedupError(byWorkload.get(w)) != null
                        ? Charts.speedupError(byWorkload.get(w)) : 0.0).toList()));
        // The ideal across every group (a category line series would start at the second group's centre).
        double highest = rows.stream().mapToDouble(r -> r.speedupHigh() != null ? r.speedupHigh()
                : r.speedup()).max().orElse(cores);
        chart.getStyler().setYAxisMax(1.15 * Math.max(cores, highest));
        chart.getStyler().setAnnotationLineColor(Charts.REFERENCE);
        chart.getStyler().setAnnotationLineStroke(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        chart.addAnnotation(new AnnotationLine(cores, false, false));
        chart.addAnnotation(new AnnotationText("ideal: " + cores + " usable cores", 0.5, cores, false));
        return chart;
    }
}
