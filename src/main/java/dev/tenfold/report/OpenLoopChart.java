package dev.tenfold.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;

/**
 * The open loop's knee: p99 latency (from each task's intended start) against the offered rate,
 * one line per model, the SLO as a dotted line. Both axes are logarithmic: below the knee p99
 * sits near L, past it it grows by orders of magnitude with the length of the run.
 */
final class OpenLoopChart {
    private OpenLoopChart() {
    }

    static XYChart draw(List<ResultRow> rows, String profile) {
        ResultRow first = rows.get(0);
        XYChart chart = Charts.chart("open loop: p99 latency against the offered rate (L = " + first.latencyMs() + " ms)",
                rows, profile, "offered rate, tasks/s (log scale)", "p99 latency from the intended start, ms (log scale)", true);
        chart.getStyler().setYAxisLogarithmic(true);
        Map<String, TreeMap<Double, Double>> series = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            if (r.latencyP99Ms() != null && r.latencyP99Ms() > 0) {
                series.computeIfAbsent(r.variant() + " C=" + r.concurrency(), k -> new TreeMap<>()).put(r.offeredRate(), r.latencyP99Ms());
            }
        }
        series.forEach((name, points) -> chart.addSeries(name, new ArrayList<>(points.keySet()), new ArrayList<>(points.values())));
        List<Double> rates = rows.stream().map(ResultRow::offeredRate).sorted().toList();
        if (first.sloMs() != null && !rates.isEmpty()) {
            Charts.line(chart, "SLO: p99 <= " + first.sloMs() + " ms", List.of(rates.get(0), rates.get(rates.size() - 1)),
                    List.of((double) first.sloMs(), (double) first.sloMs()), Charts.LIMIT);
        }
        return chart;
    }
}
