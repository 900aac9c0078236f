package dev.tenfold.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The open loop's knee: p99 latency (from each task's intended start) against the offered rate,
 * one line per model, its p50 dashed in the same colour, the SLO as a dotted line. Both axes are logarithmic: below the
 * knee p99
 * sits near L, past it it grows by orders of magnitude with the length of the run.
 */
final class OpenLoopChart {
    private OpenLoopChart() {
    }

    static XYChart draw(List<ResultRow> rows, String profile) {
        ResultRow first = rows.get(0);
        XYChart chart = Charts.chart("open loop: p99 and p50 latency against the offered rate (L = " + first.latencyMs()
                + " ms)",
                rows, profile, "offered rate, tasks/s (log scale)", "latency from the intended start, ms (log scale)",
                true);
        chart.getStyler().setYAxisLogarithmic(true);
        Map<String, TreeMap<Double, ResultRow>> models = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            if (r.latencyP99Ms() != null && r.latencyP99Ms() > 0) {
                models.computeIfAbsent(r.variant() + " C=" + r.concurrency(), k -> new TreeMap<>()).put(r.offeredRate(),
                        r);
            }
        }
        int colour = 0;
        for (Map.Entry<String, TreeMap<Double, ResultRow>> model : models.entrySet()) {
            List<Double> rates = new ArrayList<>(model.getValue().keySet());
            Color color = Charts.SERIES_COLORS[colour++ % Charts.SERIES_COLORS.length];
            XYSeries p99 = chart.addSeries(model.getKey() + " p99", rates,
                    model.getValue().values().stream().map(ResultRow::latencyP99Ms).toList());
            p99.setLineColor(color);
            p99.setMarkerColor(color);
            XYSeries p50 = chart.addSeries(model.getKey() + " p50", rates,
                    model.getValue().values().stream().map(ResultRow::latencyP50Ms).toList());
            p50.setLineColor(color);
            p50.setMarkerColor(color);
            p50.setLineStyle(SeriesLines.DASH_DASH);
            p50.setMarker(SeriesMarkers.NONE);
        }
        List<Double> rates = rows.stream().map(ResultRow::offeredRate).sorted().toList();
        if (first.sloMs() != null && !rates.isEmpty()) {
            Charts.line(chart, "SLO: p99 <= " + first.sloMs() + " ms",
                    List.of(rates.get(0), rates.get(rates.size() - 1)),
                    List.of((double) first.sloMs(), (double) first.sloMs()), Charts.LIMIT);
        }
        return chart;
    }
}
