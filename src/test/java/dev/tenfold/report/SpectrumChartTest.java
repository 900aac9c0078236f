package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.measure.LatencyLog;
import dev.tenfold.vocabulary.Variant;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The open loop's percentile spectrum: which rate, which log per row, and the percentiles it draws. */
class SpectrumChartTest {
    private static final double[] STEADY = {5, 5, 5};

    @TempDir
    Path dir;

    @Test
    void theAxisIsLabelledInPercentiles() {
        assertEquals("0%", SpectrumChart.percentileLabel(0));
        assertEquals("90%", SpectrumChart.percentileLabel(1));
        assertEquals("99%", SpectrumChart.percentileLabel(2));
        assertEquals("99.9%", SpectrumChart.percentileLabel(3));
        assertEquals("99.99%", SpectrumChart.percentileLabel(4.0000000001));
        assertEquals("", SpectrumChart.percentileLabel(0.5), "labels at whole decades only");
    }

    /**
     * Two models at 100/s, one at 300/s: the spectrum is at 100/s, each line from its own log, the backend's in grey.
     */
    @Test
    void theRateMostModelsWereOfferedEachFromItsOwnLog() throws Exception {
        List<ResultRow> rows = Rows.fromRuns(List.of(
                OpenLoopTest.run(Variant.PLATFORM, 100, 100, STEADY, STEADY, 51),
                OpenLoopTest.run(Variant.ASYNC, 100, 100, STEADY, STEADY, 51),
                OpenLoopTest.run(Variant.PLATFORM, 300, 200, STEADY, STEADY, 900)), RowsTest.EIGHT_CORES);
        Histogram platform = log("platform", "10", "100", 1000, 50, 80);   // 1% of its tasks at 80 ms
        log("async", "10", "100", 1000, 50, 120);                             // 1% at 120 ms
        log("platform", "100", "100", 1000, 900, 900);                        // another C: must not be read
        log("platform", "10", "300", 1000, 900, 900);                         // another rate: not drawn

        XYChart chart = SpectrumChart.draw(rows, dir, "latency").orElseThrow();
        assertTrue(chart.getTitle().startsWith("open loop at 100 tasks/s"), chart.getTitle());
        Map<String, XYSeries> series = new TreeMap<>(chart.getSeriesMap());
        assertEquals(List.of("async C=10 (1000 tasks)", "platform C=10 (1000 tasks)",
                "the backend's own time (2000 responses)"),
                List.copyOf(series.keySet()));
        XYSeries line = series.get("platform C=10 (1000 tasks)");
        double[] xs = line.getXData();
        double[] ys = line.getYData();
        for (int i = 0; i < xs.length; i++) {
            double percentile = 100 * (1 - Math.pow(10, -xs[i]));
            double expected = platform.highestEquivalentValue(platform.getValueAtPercentile(percentile)) / 1e6;
            assertEquals(expected, ys[i], 0.1, "at the " + percentile + "th percentile");
        }
        assertEquals(50, ys[0], 0.1, "the median task took 50 ms");
        assertEquals(80, ys[ys.length - 1], 0.1, "the tail, 80 ms, is drawn");
        assertTrue(xs[xs.length - 1] >= 2, "the line reaches p99 at least: x = " + xs[xs.length - 1]);
    }

    @Test
    void withoutTheLogsThereIsNoSpectrum() throws Exception {
        List<ResultRow> rows = Rows.fromRuns(List.of(OpenLoopTest.run(Variant.PLATFORM, 100, 100, STEADY, STEADY, 51)),
                RowsTest.EIGHT_CORES);
        assertTrue(SpectrumChart.draw(rows, dir.resolve("absent"), "latency").isEmpty());
        assertTrue(SpectrumChart.draw(rows, null, "latency").isEmpty());
        List<Path> pngs = Plots.draw(rows, dir.resolve("plots"), "latency", dir.resolve("absent"));
        assertFalse(pngs.stream().anyMatch(p -> p.endsWith("open-loop-spectrum.png")), pngs.toString());
        log("platform", "10", "100", 100, 50, 60);
        assertTrue(Plots.draw(rows, dir.resolve("plots"), "latency",
                dir).stream().anyMatch(p -> p.endsWith("open-loop-spectrum.png")));
    }

    /**
     * Writes the log of OpenLoopBenchmark.{@code variant} at C and rate: {@code tasks} latencies,
     * 99% at {@code typicalMs} and 1% at {@code tailMs}, and as many backend times of 50 ms.
     */
    private Histogram log(String variant, String concurrency, String rate, int tasks, long typicalMs, long tailMs) {
        Map<String, String> params = Map.of("concurrency", concurrency, "latencyMs", "50", "rate", rate, "tasks", "10",
                "sloMs", "0");
        Path file = dir.resolve(LatencyLog.fileName("dev.tenfold.bench.OpenLoopBenchmark." + variant, params));
        Histogram window = new Histogram(3);
        window.recordValueWithCount(typicalMs * 1_000_000, tasks - tasks / 100);
        window.recordValueWithCount(tailMs * 1_000_000, tasks / 100);
        window.setStartTimeStamp(1_000);
        window.setEndTimeStamp(2_000);
        LatencyLog.append(file, window);
        Histogram served = new Histogram(3);
        served.recordValueWithCount(50_000_000, tasks);
        served.setStartTimeStamp(1_000);
        served.setEndTimeStamp(2_000);
        served.setTag(LatencyLog.BACKEND_TAG);
        LatencyLog.append(file, served);
        return window;
    }
}
