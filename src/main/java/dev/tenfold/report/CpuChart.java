package dev.tenfold.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code cpu-speedup.png}: every CPU workload against every model at the most threads or workers
 * it ran, one group of bars per workload with each bar's 99% interval, and the cores line that
 * no model can pass: the CPU family on one page, where a line per workload would hold 2-3 points.
 */
final class CpuChart {
    private CpuChart() {
    }

    /** {@code rows}: the CPU family's rows that have a speedup, serial left out. */
    static CategoryChart draw(List<ResultRow> rows, String profile) {
        List<String> workloads = rows.stream().map(ResultRow::workload).distinct().toList();
        Map<Variant, Map<String, ResultRow>> byModel = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            byModel.computeIfAbsent(r.variant(), k -> new LinkedHashMap<>())
                    .merge(r.workload(), r, (a, b) -> Charts.x(a) >= Charts.x(b) ? a : b);
        }
        int cores = rows.get(0).usableCores() == null ? 1 : rows.get(0).usableCores();
        CategoryChart chart = Charts.categoryChart("cpu: speedup over serial per workload, each model at its most threads or workers"
                + "  |  " + Charts.subtitle(rows, profile), "workload", "speedup (x serial), 99% interval");
        chart.getStyler().setSeriesColors(Charts.SERIES_COLORS);
        chart.getStyler().setErrorBarsColor(java.awt.Color.BLACK);
        chart.getStyler().setLabelsVisible(false); // a model a profile does not run on a workload has no bar, not one labelled 0
        byModel.forEach((model, byWorkload) -> chart.addSeries(model.toString(),
                workloads, workloads.stream().map(w -> byWorkload.containsKey(w) ? byWorkload.get(w).speedup() : 0.0).toList(),
                workloads.stream().map(w -> byWorkload.containsKey(w) && Charts.speedupError(byWorkload.get(w)) != null
                        ? Charts.speedupError(byWorkload.get(w)) : 0.0).toList()));
        CategorySeries ideal = chart.addSeries("ideal: " + cores + " usable cores", workloads,
                workloads.stream().map(w -> (double) cores).toList());
        ideal.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        ideal.setLineStyle(SeriesLines.DASH_DASH);
        ideal.setLineColor(Charts.REFERENCE);
        ideal.setMarker(SeriesMarkers.NONE);
        return chart;
    }
}
