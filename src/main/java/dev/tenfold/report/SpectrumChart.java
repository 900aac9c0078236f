package dev.tenfold.report;

import dev.tenfold.measure.LatencyLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The open loop's percentile spectrum, HdrHistogram's own picture of latency: latency against
 * percentile, the x axis at log10(1 / (1 - percentile)) so that 90%, 99%, 99.9% and 99.99% are
 * one step apart each, as much room as 0-90% gets. Models that agree at the median part in the tail; a mean or a p99
 * alone
 * hides where. One line per model at one offered rate: the rate the most models were offered (the
 * lowest of those: below the knee, the spectrum is the model's, not its queue's), read from the
 * run's HdrHistogram logs (every measured task of every fork); the backend's own time per admitted
 * response at that rate in grey, so what the client added shows as the gap above it.
 */
final class SpectrumChart {
    /** Percentile steps per halving of the distance to 100%, as HdrHistogram's percentile output prints them. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private SpectrumChart() {
    }

    /**
     * The chart of the open-loop rows in {@code rows} whose logs are in {@code logs}; empty when no
     * rate has a log for at least one model (a CSV moved without its folder, or no open loop).
     */
    static Optional<XYChart> draw(List<ResultRow> rows, Path logs, String profile) {
        if (logs == null || !Files.isDirectory(logs)) {
            return Optional.empty();
        }
        Map<Double, List<ResultRow>> byRate = rows.stream().filter(ResultRow::openLoop)
                .collect(Collectors.groupingBy(ResultRow::offeredRate));
        Optional<Double> rate = byRate.keySet().stream()
                .max(Comparator.comparingInt((Double r)
                -> byRate.get(r).size()).thenComparing(Comparator.reverseOrder()));
        if (rate.isEmpty()) {
            return Optional.empty();
        }
        List<ResultRow> atRate = byRate.get(rate.get());
        Map<String, Histogram> tasks = new LinkedHashMap<>();
        Histogram backend = null;
        for (ResultRow r : atRate) {
            Optional<Path> log = logOf(r, logs);
            if (log.isEmpty()) {
                continue;
            }
            Histogram own = LatencyLog.readMerged(log.get(), null);
            if (own != null) {
                tasks.put(r.variant() + " C=" + r.concurrency(), own);
            }
            Histogram served = LatencyLog.readMerged(log.get(), LatencyLog.BACKEND_TAG);
            if (served != null) {
                if (backend == null) {
                    backend = served;
                } else {
                    backend.add(served);
                }
            }
        }
        if (tasks.isEmpty()) {
            return Optional.empty();
        }
        ResultRow first = atRate.get(0);
        XYChart chart = Charts.chart(String.format(Locale.ROOT,
                "open loop at %,.0f tasks/s: latency by percentile (L = %d ms)",
                        rate.get(), first.latencyMs()), atRate, profile,
                "percentile (each step ten times closer to 100%)", "latency from the intended start, ms", false);
        // a linear axis of decades, labelled at whole ones: XChart's log axis ignores a label formatter
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(SpectrumChart::percentileLabel);
        int colour = 0;
        for (Map.Entry<String, Histogram> model : tasks.entrySet()) {
            XYSeries line = spectrum(chart, model.getKey() + " (" + model.getValue().getTotalCount() + " tasks)",
                    model.getValue());
            line.setLineColor(Charts.SERIES_COLORS[colour % Charts.SERIES_COLORS.length]);
            colour++;
        }
        if (backend != null) {
            spectrum(chart, "the backend's own time (" + backend.getTotalCount() + " responses)",
                    backend).setLineColor(Charts.REFERENCE);
        }
        return Optional.of(chart);
    }

    /** One spectrum: each percentile step below 100% at x = log10(1 / (1 - percentile)), its latency in ms. */
    private static XYSeries spectrum(XYChart chart, String name, Histogram histogram) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (HistogramIterationValue step : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double percentile = step.getPercentileLevelIteratedTo();
            if (percentile >= 100) {
                break;
            }
            xs.add(Math.log10(100 / (100 - percentile)));
            ys.add(Math.max(0.001, histogram.highestEquivalentValue(step.getValueIteratedTo()) / 1e6));
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.NONE);
        return series;
    }

    /**
     * The tick at x = log10(1 / (1 - p)) labelled as the percentile p at whole decades (1 -> 90%, 3 -> 99.9%), else
     * none.
     */
    static String percentileLabel(double x) {
        if (Math.abs(x - Math.rint(x)) > 1e-9 || x < 0) {
            return "";
        }
        double percentile = 100 * (1 - Math.pow(10, -Math.rint(x)));
        return new DecimalFormat("0.####", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(percentile) + "%";
    }

    /**
     * The log of an open-loop row: {@code OpenLoopBenchmark.<variant>_...hlog} whose parameters
     * hold its concurrency, workers (where the row has them), latency and rate (the file name is {@link
     * LatencyLog#fileName}).
     */
    static Optional<Path> logOf(ResultRow r, Path logs) {
        List<String> wanted = new ArrayList<>(List.of("concurrency=" + r.concurrency(), "latencyMs=" + r.latencyMs(),
                "rate=" + Math.round(r.offeredRate())));
        if (r.workers() != null) { // the CSV leaves it empty where the model has no worker JVMs
            wanted.add("workers=" + r.workers());
        }
        String prefix = "OpenLoopBenchmark." + r.variant() + "_";
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(f -> {
                String name = f.getFileName().toString();
                if (!name.startsWith(prefix) || !name.endsWith(".hlog")) {
                    return false;
                }
                List<String> params = Arrays.asList(name.substring(prefix.length(),
                        name.length() - ".hlog".length()).split("_"));
                return params.containsAll(wanted);
            }).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the latency logs in " + logs, e);
        }
    }
}
