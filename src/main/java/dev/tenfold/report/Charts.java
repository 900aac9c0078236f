package dev.tenfold.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What every chart of a run shares: its size and title (the machine, JDK and profile), its axes
 * (log for I/O sweeps), the series colours (never the reference lines' grey), series with error
 * bars, and the dashed or dotted reference lines.
 */
final class Charts {
    static final int WIDTH = 1000;
    static final int HEIGHT = 700;

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 12);

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

    static double x(ResultRow r) {
        return r.variant().threadsInUse(r.concurrency(), r.workers());
    }

    static String subtitle(List<ResultRow> rows, String profile) {
        ResultRow r = rows.get(0);
        // the Python rows ran in CPython: its version, not the JDK that drove them
        String runtime = r.python() ? "Python" + (r.pythonVersion() == null ? "" : " " + r.pythonVersion()) : r.jdk();
        return String.format(Locale.ROOT, "%s, %s, %d logical cores, %s, profile %s", r.host(), r.cpuModel(),
                r.logicalCores(), runtime, profile.equals("csv") && r.profile() != null ? r.profile() : profile);
    }

    /** I/O sweeps C over decades (log axes); CPU runs 1 to a few threads (linear axes). */
    static boolean logScale(List<ResultRow> rows) {
        return rows.get(0).family().waitsOnIo();
    }

    static XYChart chart(String title, List<ResultRow> rows, String profile, String yTitle) {
        boolean log = logScale(rows);
        return
                chart(title, rows, profile,
                "tasks in flight (threads, virtual threads, async window, worker JVMs or processes)"
                + (log ? ", log scale" : ""), yTitle, log);
    }

    /** A chart in the suite's style, its x axis named {@code xTitle}, logarithmic when {@code log}. */
    static XYChart chart(String title, List<ResultRow> rows, String profile, String xTitle, String yTitle,
            boolean log) {
        String fullTitle = title + "  |  " + subtitle(rows, profile);
        XYChart chart = new XYChartBuilder().width(Math.max(WIDTH,
                (int) (textWidth(fullTitle, TITLE_FONT) * 1.08) + 60)).height(HEIGHT)
                .title(fullTitle)
                .xAxisTitle(xTitle)
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
    static final Color[] SERIES_COLORS = {new Color(31, 119, 180), new Color(255, 127, 14),
            new Color(44, 160, 44), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(188, 189, 34), new Color(23, 190, 207)};
    static final Color REFERENCE = Color.GRAY;
    static final Color LIMIT = Color.DARK_GRAY;

    /** One series per variant, points sorted by x; rows without a value are left out. */
    static void perVariant(XYChart chart, List<ResultRow> rows, Function<ResultRow, Double> y) {
        perSeries(chart, rows, r -> r.variant().toString(), y, r -> null, false);
    }

    /**
     * One series per name, points sorted by x, each with its error bar where {@code error} gives
     * one (half the width of its 99% interval); rows without a value (or zero, unless kept) are
     * left out. Two rows at the same x (W worker JVMs at C) keep the higher.
     */
    static void perSeries(XYChart chart, List<ResultRow> rows, Function<ResultRow, String> name,
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
            // A bar reaching zero says "could be nothing"; past it the log axes cannot draw it (and a rate is never
            // below 0).
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
    static Double speedupError(ResultRow r) {
        return r.speedupLow() == null || r.speedupHigh() == null ? null : (r.speedupHigh() - r.speedupLow()) / 2;
    }

    /** A reference line: grey and dashed (an ideal), or dark grey and dotted (a limit the machine or server sets). */
    static void line(XYChart chart, String name, List<Double> xs, List<Double> ys, Color color) {
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(color == LIMIT ? SeriesLines.DOT_DOT : SeriesLines.DASH_DASH);
        s.setLineColor(color);
    }

    /** A bar chart in the same style: white, labelled bars, the title's width held, y from 0. */
    static CategoryChart categoryChart(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(WIDTH,
                (int) (textWidth(title, TITLE_FONT) * 1.08) + 60))
                .height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setChartTitleFont(TITLE_FONT);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.BLACK);
        chart.getStyler().setDecimalPattern("0.00");
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    private Charts() {
    }
}
