package dev.tenfold.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;

/** compare.png: each family's geometric mean of ratios against the first file, with its 99% interval. */
final class CompareChart {
    private CompareChart() {
    }

    static Path draw(Path pngDir, List<String> labels, List<String> families, List<Map<String, Ratios.FamilyMean>> means)
            throws IOException {
        Files.createDirectories(pngDir);
        Path png = pngDir.resolve("compare.png");
        CategoryChart chart = Charts.categoryChart("Throughput against " + labels.get(0)
                + " (geometric mean of per-row ratios, per family, 99% CI)", "family", "throughput ratio (1 = same as " + labels.get(0) + ")");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setErrorBarsColor(Color.BLACK);
        for (int i = 0; i < means.size(); i++) {
            Map<String, Ratios.FamilyMean> g = means.get(i);
            List<Double> ys = families.stream().map(f -> g.containsKey(f) ? g.get(f).geomean() : 0.0).toList();
            // XChart's error bars are symmetric: the wider side of the (log-symmetric) interval.
            List<Double> errors = families.stream().map(f -> {
                Ratios.FamilyMean m = g.get(f);
                return m == null || m.interval() == null || Double.isInfinite(m.interval().high()) ? 0.0
                        : Math.max(m.interval().high() - m.geomean(), m.geomean() - m.interval().low());
            }).toList();
            chart.addSeries("[" + (i + 1) + "] " + labels.get(i + 1) + " / [0] " + labels.get(0), families, ys, errors);
        }
        return Png.save(chart, png);
    }
}
