package dev.tenfold.report;

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
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 700;

    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);

    private Plots() {
    }

    /**
     * The width of a one-line text in pixels: the title names the machine (a CPU model can be
     * long) and XChart neither wraps nor shrinks it, so a chart is made wide enough to hold it.
     */
    static int textWidth(String text, Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return (int) Math.ceil(font.getStringBounds(text, g.getFontRenderContext()).getWidth());
        } finally {
            g.dispose();
        }
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

    public static List<Path> draw(List<ResultRow> rows, Path dir, String profile) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        List<ResultRow> limited = rows.stream().filter(r -> "resilience".equals(r.family())
                && r.serverLimit() != null && !"serial".equals(r.variant())).toList();
        if (!limited.isEmpty()) {
            written.add(Png.save(goodput(limited, profile), dir.resolve("resilience-goodput.png")));
            written.add(Png.save(rejections(limited, profile), dir.resolve("resilience-429.png")));
        }
        List<ResultRow> mixed = rows.stream().filter(r -> "mixed".equals(r.family()) && r.throughput() != null
                && r.throughput() > 0 && !"serial".equals(r.variant())).toList();
        if (mixed.stream().anyMatch(r -> "io-stage".equals(r.variant())) && mixed.stream().anyMatch(r -> "cpu-stage".equals(r.variant()))) {
            written.add(Png.save(stageTimes(mixed, profile), dir.resolve("mixed-stage-times.png")));
        }
        Map<String, List<ResultRow>> groups = rows.stream().filter(r -> !"resilience".equals(r.family())).collect(Collectors.groupingBy(
                r -> (r.python() ? "python-" : "") + (r.family().equals(r.workload()) ? r.family() : r.family() + "-" + r.workload()),
                TreeMap::new, Collectors.toList()));
        for (Map.Entry<String, List<ResultRow>> group : groups.entrySet()) {
            String name = group.getKey();
            List<ResultRow> g = group.getValue();
            written.add(Png.save(speedup(name, g, profile), dir.resolve(name + "-speedup.png")));
            written.add(Png.save(cpuShare(name, g, profile), dir.resolve(name + "-cpu-share.png")));
            written.add(Png.save(rss(name, g, profile), dir.resolve(name + "-rss.png")));
        }
        return written;
    }

    private static double x(ResultRow r) {
        return Bounds.threadsInUse(r.variant(), r.concurrency(), r.workers());
    }

    private static String subtitle(List<ResultRow> rows, String profile) {
        ResultRow r = rows.get(0);
        return String.format(Locale.ROOT, "%s, %s, %d logical cores, %s, profile %s", r.host(), r.cpuModel(),
                r.logicalCores(), r.jdk(), profile.equals("csv") && r.profile() != null ? r.profile() : profile);
    }

    /** I/O sweeps C over decades (log axes); CPU runs 1 to a few threads (linear axes). */
    private static boolean logScale(List<ResultRow> rows) {
        return Bounds.waitsOnIo(rows.get(0).family());
    }

    private static XYChart chart(String title, List<ResultRow> rows, String profile, String yTitle) {
        boolean log = logScale(rows);
        String fullTitle = title + "  |  " + subtitle(rows, profile);
        XYChart chart = new XYChartBuilder().width(Math.max(WIDTH, (int) (textWidth(fullTitle, TITLE_FONT) * 1.08) + 60)).height(HEIGHT)
                .title(fullTitle)
                .xAxisTitle("tasks in flight (threads, virtual threads, async window or worker JVMs)"
                        + (log ? ", log scale" : ""))
                .yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS); // below the plot: never over a point
        styler.setChartTitleFont(TITLE_FONT);
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setXAxisLogarithmic(log);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setSeriesColors(SERIES_COLORS);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setXAxisDecimalPattern("#,##0.##"); // 10, 100, 1,000: not 1E3
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        return chart;
    }

    /**
     * Colours of measured series: none is red or grey, which the reference lines (ideal, roofline,
     * the 30% rule, the server's ceiling) use, dashed or dotted.
     */
    private static final Color[] SERIES_COLORS = {new Color(31, 119, 180), new Color(255, 127, 14),
            new Color(44, 160, 44), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(188, 189, 34), new Color(23, 190, 207)};
    private static final Color REFERENCE = Color.GRAY;
    private static final Color LIMIT = Color.DARK_GRAY;

    /** One series per variant, points sorted by x; rows without a value are left out. */
    private static void perVariant(XYChart chart, List<ResultRow> rows, Function<ResultRow, Double> y) {
        perSeries(chart, rows, ResultRow::variant, y, r -> null, false);
    }

    /**
     * One series per name, points sorted by x, each with its error bar where {@code error} gives
     * one (half the width of its 99% interval); rows without a value (or zero, unless kept) are
     * left out. Two rows at the same x (W worker JVMs at C) keep the higher.
     */
    private static void perSeries(XYChart chart, List<ResultRow> rows, Function<ResultRow, String> name,
                                  Function<ResultRow, Double> y, Function<ResultRow, Double> error, boolean keepZero) {
        Map<String, TreeMap<Double, ResultRow>> series = new LinkedHashMap<>();
        for (ResultRow r : rows) {
            Double v = y.apply(r);
            if (v != null && (v > 0 || keepZero && v == 0)) {
                series.computeIfAbsent(name.apply(r), k -> new TreeMap<>())
                        .merge(x(r), r, (a, b) -> y.apply(a) >= y.apply(b) ? a : b);
            }
        }
        series.forEach((label, points) -> {
            List<Double> xs = new ArrayList<>(points.keySet());
            List<Double> ys = points.values().stream().map(y).toList();
            // A bar reaching zero says "could be nothing"; past it the log axes cannot draw it (and a rate is never below 0).
            List<Double> bars = points.values().stream()
                    .map(r -> error.apply(r) == null ? null : Math.min(error.apply(r), 0.999 * y.apply(r))).toList();
            if (bars.stream().anyMatch(java.util.Objects::nonNull)) {
                chart.addSeries(label, xs, ys, bars.stream().map(b -> b == null ? 0.0 : b).toList());
            } else {
                chart.addSeries(label, xs, ys);
            }
        });
    }

    /** Half the width of a row's 99% speedup interval, or null without one. */
    private static Double speedupError(ResultRow r) {
        return r.speedupLow() == null || r.speedupHigh() == null ? null : (r.speedupHigh() - r.speedupLow()) / 2;
    }

    /** A reference line: grey and dashed (an ideal), or dark grey and dotted (a limit the machine or server sets). */
    private static void line(XYChart chart, String name, List<Double> xs, List<Double> ys, Color color) {
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(color == LIMIT ? SeriesLines.DOT_DOT : SeriesLines.DASH_DASH);
        s.setLineColor(color);
    }

    private static XYChart speedup(String name, List<ResultRow> rows, String profile) {
        boolean log = logScale(rows);
        XYChart chart = chart(name + ": speedup over serial", rows, profile, "speedup (x serial)" + (log ? ", log scale" : ""));
        chart.getStyler().setYAxisLogarithmic(log);
        if (!log) {
            chart.getStyler().setYAxisMin(0.0);
        }
        perSeries(chart, rows, ResultRow::variant, ResultRow::speedup, Plots::speedupError, false);
        TreeMap<Double, Double> ideal = new TreeMap<>();
        TreeMap<Double, Double> roofline = new TreeMap<>();
        for (ResultRow r : rows) {
            if (r.idealSpeedup() != null && r.idealSpeedup() > 0) {
                ideal.merge(x(r), r.idealSpeedup(), Math::max);
            }
            // Thread-based models only: the worker JVMs' roofline prices their own overhead, not the machine's.
            if (r.rooflineSpeedup() != null && r.rooflineSpeedup() > 0 && !"serial".equals(r.variant())
                    && !"process".equals(r.variant())) {
                roofline.merge(x(r), r.rooflineSpeedup(), Math::max);
            }
        }
        boolean io = Bounds.waitsOnIo(rows.get(0).family());
        String idealName = "mixed".equals(rows.get(0).family()) ? "ideal: the slower stage alone (io-stage, cpu-stage)"
                : io ? "ideal: Little's law min(C, tasks)" : "ideal: min(threads, cores)";
        line(chart, idealName,
                new ArrayList<>(ideal.keySet()), new ArrayList<>(ideal.values()), REFERENCE);
        line(chart, "measured CPU roofline (best thread-based model per C)", new ArrayList<>(roofline.keySet()),
                new ArrayList<>(roofline.values()), LIMIT);
        return chart;
    }

    private static XYChart cpuShare(String name, List<ResultRow> rows, String profile) {
        XYChart chart = chart(name + ": CPU share of the client (JVM + workers)", rows, profile,
                "CPU share of all logical cores (0-1)");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        perVariant(chart, rows, ResultRow::cpuShare);
        List<Double> xs = rows.stream().map(Plots::x).distinct().sorted().toList();
        if (xs.size() == 1) {
            xs = List.of(xs.get(0), xs.get(0) * 2);
        }
        line(chart, "article: below 30% = I/O-bound", List.of(xs.get(0), xs.get(xs.size() - 1)), List.of(0.30, 0.30), LIMIT);
        return chart;
    }

    private static XYChart rss(String name, List<ResultRow> rows, String profile) {
        XYChart chart = chart(name + ": peak memory (PSS) of the client (JVM + workers)", rows, profile, "peak PSS (MiB)");
        chart.getStyler().setYAxisMin(0.0);
        perVariant(chart, rows, ResultRow::rssMb);
        return chart;
    }

    /** Goodput per client policy over C, against Little's law C/L and the server's ceiling K/L. */
    private static XYChart goodput(List<ResultRow> rows, String profile) {
        XYChart chart = chart("resilience: goodput against a server that admits K in flight", rows, profile,
                "successful requests per second, log scale");
        chart.getStyler().setYAxisLogarithmic(true);
        perSeries(chart, rows, ResultRow::workload, ResultRow::throughput, ResultRow::throughputError, false);
        List<Double> xs = rows.stream().map(Plots::x).distinct().sorted().toList();
        ResultRow any = rows.get(0);
        double perSlot = 1000.0 / any.latencyMs();
        line(chart, "Little's law C/L", xs, xs.stream().map(c -> c * perSlot).toList(), REFERENCE);
        line(chart, "server ceiling K/L (K=" + any.serverLimit() + ")", List.of(xs.get(0), xs.get(xs.size() - 1)),
                List.of(any.serverLimit() * perSlot, any.serverLimit() * perSlot), LIMIT);
        return chart;
    }

    /** What each policy met and lost: 429 answers and final errors per request, over C. */
    private static XYChart rejections(List<ResultRow> rows, String profile) {
        XYChart chart = chart("resilience: 429 answers per request sent, tasks lost per task", rows, profile,
                "share (0-1)");
        chart.getStyler().setYAxisMin(0.0);
        perSeries(chart, rows, r -> r.workload() + ": 429s", r -> share(r.http429(), r.requestsSent()), r -> null, true);
        perSeries(chart, rows, r -> r.workload() + ": errors", r -> share(r.errors(), r.attempted()), r -> null, true);
        return chart;
    }

    private static Double share(Long count, Long of) {
        return count == null || of == null || of == 0 ? null : (double) count / of;
    }

    /**
     * Seconds per batch of images: each stage alone, their maximum (the bound of any combination)
     * and their sum (the stages one after the other), then every combination, at the first C.
     */
    private static CategoryChart stageTimes(List<ResultRow> rows, String profile) {
        ResultRow io = rows.stream().filter(r -> "io-stage".equals(r.variant())).findFirst().orElseThrow();
        ResultRow cpu = rows.stream().filter(r -> "cpu-stage".equals(r.variant())).findFirst().orElseThrow();
        int images = io.tasks();
        double ioSeconds = images / io.throughput();
        double cpuSeconds = images / cpu.throughput();
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("I/O stage alone", ioSeconds);
        bars.put("CPU stage alone", cpuSeconds);
        bars.put("bound: max", Math.max(ioSeconds, cpuSeconds));
        bars.put("sum: no overlap", ioSeconds + cpuSeconds);
        rows.stream().filter(r -> Objects.equals(r.concurrency(), io.concurrency()) && !r.variant().endsWith("-stage"))
                .sorted(Comparator.comparing(ResultRow::throughput).reversed())
                .forEach(r -> bars.put(r.variant(), images / r.throughput()));
        String title = String.format(Locale.ROOT, "mixed: seconds per %d images (download -> thumbnail), C=%d, %d CPU threads  |  %s",
                images, io.concurrency(), cpu.workers(), subtitle(rows, profile));
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(WIDTH, (int) (textWidth(title, TITLE_FONT) * 1.08) + 60))
                .height(HEIGHT).title(title).xAxisTitle("stage or combination").yAxisTitle("seconds per batch (lower is better)").build();
        chart.getStyler().setChartTitleFont(TITLE_FONT);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setDecimalPattern("0.00");
        chart.getStyler().setYAxisMin(0.0);
        chart.addSeries("seconds", new ArrayList<>(bars.keySet()), new ArrayList<>(bars.values()));
        return chart;
    }

}
