package dev.tenfold.report;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The PNGs of one run, per family and workload: speedup against threads in flight (log-log, with
 * the Little's-law or core-count ideal and the measured CPU roofline), CPU share (with the
 * article's 30% line) and peak memory (PSS). Titles name the machine, JDK and profile.
 */
public final class Plots {
    private Plots() {
    }

    /**
     * Where a run's (or a comparison's) PNGs go by default: a folder of its own under the
     * repository's {@code plots/} ({@value #HOME_PROPERTY}, set by run-benchmarks.sh; else the
     * working directory), so no run overwrites another's.
     */
    public static Path runDirectory(String runId) {
        return home().resolve("plots").resolve(runId);
    }

    /** System property with the repository's directory: default outputs go there, whatever the working directory. */
    public static final String HOME_PROPERTY = "tenfold.home";

    /** The repository's directory ({@value #HOME_PROPERTY}), or the working directory. */
    public static Path home() {
        return Path.of(System.getProperty(HOME_PROPERTY, "."));
    }

    /**
     * Draws every chart the rows allow into {@code dir}; {@code latencyLogs}, the run's HdrHistogram
     * logs (null or missing: none), adds the open loop's percentile spectrum.
     */
    public static List<Path> draw(List<ResultRow> rows, Path dir, String profile, Path latencyLogs) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        List<ResultRow> limited = rows.stream().filter(r -> r.family() == Family.RESILIENCE
                && r.serverLimit() != null && r.variant() != Variant.SERIAL).toList();
        if (!limited.isEmpty()) {
            written.add(Png.save(goodput(limited, profile), dir.resolve("resilience-goodput.png")));
            written.add(Png.save(rejections(limited, profile), dir.resolve("resilience-429.png")));
        }
        List<MixedStages> mixed = MixedStages.of(rows);
        if (!mixed.isEmpty()) {
            written.add(Png.save(stageTimes(mixed, rows, profile), dir.resolve("mixed-stage-times.png")));
        }
        List<ResultRow> cpu = rows.stream().filter(r -> !r.python() && r.family() == Family.CPU && r.speedup() != null
                && r.variant() != Variant.SERIAL).toList();
        if (!cpu.isEmpty()) {
            org.knowm.xchart.CategoryChart chart = CpuChart.draw(cpu, profile);
            if (chart != null) {
                written.add(Png.save(chart, dir.resolve("cpu-speedup.png")));
            }
        }
        List<ResultRow> open = rows.stream().filter(r -> r.openLoop() && r.latencyP99Ms() != null).toList();
        if (!open.isEmpty()) {
            written.add(Png.save(OpenLoopChart.draw(open, profile), dir.resolve("open-loop-latency.png")));
            Optional<XYChart> spectrum = SpectrumChart.draw(open, latencyLogs, profile);
            if (spectrum.isPresent()) {
                written.add(Png.save(spectrum.get(), dir.resolve("open-loop-spectrum.png")));
            }
        }
        Map<String, List<ResultRow>> groups = rows.stream().filter(r -> r.family() != Family.RESILIENCE
                && !r.openLoop()).collect(Collectors.groupingBy(
                r -> (r.python() ? "python-" : "") + (r.family().toString().equals(r.workload()) ? r.family()
                : r.family() + "-" + r.workload()),
                TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<ResultRow>> group : groups.entrySet()) {
            String name = group.getKey();
            List<ResultRow> g = group.getValue();
            written.add(Png.save(speedup(name, g, profile), dir.resolve(name + "-speedup.png")));
            written.add(Png.save(cpuShare(name, g, profile), dir.resolve(name + "-cpu-share.png")));
            written.add(Png.save(rss(name, g, profile), dir.resolve(name + "-rss.png")));
            if (g.get(0).family().waitsOnIo() && g.stream().anyMatch(r -> r.latencyP99Ms() != null)) {
                written.add(Png.save(latency(name, g, profile), dir.resolve(name + "-latency.png")));
            }
        }
        return written;
    }

    private static XYChart speedup(String name, List<ResultRow> rows, String profile) {
        boolean log = Charts.logScale(rows);
        XYChart chart = Charts.chart(name + ": speedup over serial", rows, profile,
                "speedup (x serial)" + (log ? ", log scale" : ""));
        chart.getStyler().setYAxisLogarithmic(log);
        if (!log) {
            chart.getStyler().setYAxisMin(0.0);
        }
        Charts.perSeries(chart, rows, r -> r.variant().toString(), ResultRow::speedup, Charts::speedupError, false);
        TreeMap<Double, Double> ideal = new TreeMap<>();
        TreeMap<Double, Double> roofline = new TreeMap<>();
        for (ResultRow r : rows) {
            if (r.idealSpeedup() != null && r.idealSpeedup() > 0) {
                ideal.merge(Charts.x(r), r.idealSpeedup(), Math::max);
            }
            // Thread-based models only: the worker JVMs' roofline prices their own overhead, not the machine's.
            if (r.rooflineSpeedup() != null && r.rooflineSpeedup() > 0 && r.variant() != Variant.SERIAL
                    && r.variant() != Variant.PROCESS) {
                roofline.merge(Charts.x(r), r.rooflineSpeedup(), Math::max);
            }
        }
        // Where the roofline lies above the ideal it bounds nothing: drawn only where it is below.
        roofline.entrySet().removeIf(e -> ideal.containsKey(e.getKey()) && e.getValue() >= ideal.get(e.getKey()));
        boolean io = rows.get(0).family().waitsOnIo();
        String idealName = rows.get(0).family() == Family.MIXED ? "ideal: the slower stage alone (io-stage, cpu-stage)"
                : io ? "ideal: Little's law min(C, tasks)" : "ideal: min(threads, cores)";
        Charts.line(chart, idealName,
                new ArrayList<>(ideal.keySet()), new ArrayList<>(ideal.values()), Charts.REFERENCE);
        if (!roofline.isEmpty()) {
            Charts.line(chart, "measured CPU roofline, where below the ideal (best thread-based model per C)",
                    new ArrayList<>(roofline.keySet()), new ArrayList<>(roofline.values()), Charts.LIMIT);
        }
        return chart;
    }

    private static XYChart cpuShare(String name, List<ResultRow> rows, String profile) {
        XYChart chart = Charts.chart(name + ": CPU share of the client (JVM + workers)", rows, profile,
                "CPU share of all logical cores (0-1)");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        Charts.perVariant(chart, rows, ResultRow::cpuShare);
        List<Double> xs = rows.stream().map(Charts::x).distinct().sorted().toList();
        if (xs.size() == 1) {
            xs = List.of(xs.get(0), xs.get(0) * 2);
        }
        Charts.line(chart, "article: below 30% = I/O-bound", List.of(xs.get(0), xs.get(xs.size() - 1)),
                List.of(0.30, 0.30), Charts.LIMIT);
        return chart;
    }

    private static XYChart rss(String name, List<ResultRow> rows, String profile) {
        XYChart chart = Charts.chart(name + ": peak memory (PSS) of the client (JVM + workers)", rows, profile,
                "peak PSS (MiB)");
        chart.getStyler().setYAxisMin(0.0);
        Charts.perVariant(chart, rows, ResultRow::rssMb);
        return chart;
    }

    /**
     * Each task's p99 (from the moment its model started it) over C, beside the speedup chart: in a
     * closed loop the models reach the same rate; this shows what each one's requests waited for it,
     * against the backend's latency L.
     */
    private static XYChart latency(String name, List<ResultRow> rows, String profile) {
        XYChart chart = Charts.chart(name + ": p99 latency per task", rows, profile, "p99 latency, ms (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        Charts.perVariant(chart, rows, ResultRow::latencyP99Ms);
        List<Double> xs = rows.stream().map(Charts::x).distinct().sorted().toList();
        Integer latencyMs = rows.get(0).latencyMs();
        if (latencyMs != null && latencyMs > 0) {
            Charts.line(chart, "L = " + latencyMs + " ms, the backend's delay", xs,
                    xs.stream().map(x -> (double) latencyMs).toList(),
                    Charts.LIMIT);
        }
        return chart;
    }

    /** Goodput per client policy over C, against Little's law C/L and the server's ceiling K/L. */
    private static XYChart goodput(List<ResultRow> rows, String profile) {
        XYChart chart = Charts.chart("resilience: goodput against a server that admits K in flight", rows, profile,
                "successful requests per second");
        // Linear, up to a little above K/L: the policies' differences (a few % of K/L) stay visible;
        // Little's law C/L leaves through the top where it passes that.
        ResultRow any = rows.get(0);
        double perSlot = 1000.0 / any.latencyMs();
        double top = 1.25 * any.serverLimit() * perSlot;
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(top);
        Charts.perSeries(chart, rows, ResultRow::workload, ResultRow::throughput, ResultRow::throughputError, false);
        List<Double> xs = rows.stream().map(Charts::x).distinct().sorted().toList();
        List<Double> littleXs = new ArrayList<>(xs.stream().filter(c -> c * perSlot <= top).toList());
        if (littleXs.size() < xs.size()) {
            littleXs.add(top / perSlot);
        }
        Charts.line(chart, "Little's law C/L", littleXs, littleXs.stream().map(c -> c * perSlot).toList(),
                Charts.REFERENCE);
        Charts.line(chart, "server ceiling K/L (K=" + any.serverLimit() + ")",
                List.of(xs.get(0), xs.get(xs.size() - 1)),
                List.of(any.serverLimit() * perSlot, any.serverLimit() * perSlot), Charts.LIMIT);
        return chart;
    }

    /** What each policy met and lost: 429 answers and final errors per request, over C. */
    private static XYChart rejections(List<ResultRow> rows, String profile) {
        XYChart chart = Charts.chart("resilience: 429 answers per request sent, tasks lost per task", rows, profile,
                "share (0-1)");
        chart.getStyler().setYAxisMin(0.0);
        Charts.perSeries(chart, rows, r -> r.workload() + ": 429s",
                r -> VerdictText.share(r.http429(), r.requestsSent()), r -> null, true);
        Charts.perSeries(chart, rows, r -> r.workload() + ": errors", r -> VerdictText.share(r.errors(), r.attempted()),
                r -> null, true);
        return chart;
    }

    /**
     * Seconds per batch of images: each stage alone, their maximum (the bound of any combination)
     * and their sum (the stages one after the other), then every combination; one series per C.
     */
    private static CategoryChart stageTimes(List<MixedStages> perC, List<ResultRow> rows, String profile) {
        MixedStages first = perC.get(0);
        String title =
                String.format(Locale.ROOT,
                "mixed: seconds per %d images (download -> thumbnail), %d CPU threads  |  %s",
                first.images(), first.cpu().workers(), Charts.subtitle(rows, profile));
        CategoryChart chart = Charts.categoryChart(title, "stage or combination",
                "seconds per batch (lower is better)");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendVisible(perC.size() > 1);
        List<String> names = new ArrayList<>(List.of("I/O stage", "CPU stage", "bound: max", "sum: no overlap"));
        perC.forEach(stages -> stages.combinations().forEach(r -> {
            if (!names.contains(r.variant().toString())) {
                names.add(r.variant().toString());
            }
        }));
        for (MixedStages stages : perC) {
            Map<String, Double> bars = new LinkedHashMap<>();
            names.forEach(n -> bars.put(n, 0.0)); // a combination not run at this C: no bar
            bars.put("I/O stage", stages.ioSeconds());
            bars.put("CPU stage", stages.cpuSeconds());
            bars.put("bound: max", stages.bound());
            bars.put("sum: no overlap", stages.sum());
            stages.combinations().forEach(r -> bars.put(r.variant().toString(), stages.seconds(r)));
            chart.addSeries("C=" + stages.io().concurrency() + " downloads in flight", names,
                    new ArrayList<>(bars.values()));
        }
        return chart;
    }

}
