package dev.tenfold.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;

/**
 * compare.png: each family's geometric mean of ratios against the first file, with its 99% interval;
 * compare-claims.png: the speedup behind each claim, per model and per machine.
 */
final class CompareChart {
    private CompareChart() {
    }

    static Path draw(Path pngDir, List<String> labels, List<String> families, List<Map<String,
            Ratios.FamilyMean>> means)
            throws IOException {
        Files.createDirectories(pngDir);
        Path png = pngDir.resolve("compare.png");
        CategoryChart chart = Charts.categoryChart("Throughput against " + labels.get(0)
                + " (geometric mean of per-row ratios, per family, 99% CI)", "family",
                "throughput ratio (1 = same as " + labels.get(0) + ")");
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

    /** @return the PNG, or null when no claim's speedup was measured on every machine */
    static Path claims(Path pngDir, List<String> labels, List<Claims.Judged> subjects, List<Map<String,
            Claims.Judged>> perMachine)
            throws IOException {
        Files.createDirectories(pngDir);
        // the subjects every machine measured (the table lists the others)
        List<Claims.Judged> speedups = subjects.stream().filter(Claims.Judged::speedup)
                .filter(s -> perMachine.stream().allMatch(m -> m.containsKey(s.key()))).toList();
        if (speedups.isEmpty()) {
            return null;
        }
        List<String> names = speedups.stream().map(j -> j.claim().substring(0, j.claim().indexOf(':')) + " "
                + j.subject()).toList();
        CategoryChart chart = Charts.categoryChart("The claims' speedups over serial, per model, per machine (99% CI)",
                "claim and model", "speedup over serial on the same machine");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setErrorBarsColor(Color.BLACK);
        chart.getStyler().setXAxisLabelRotation(45);
        for (int i = 0; i < perMachine.size(); i++) {
            Map<String, Claims.Judged> machine = perMachine.get(i);
            List<Double> ys = speedups.stream().map(s -> machine.get(s.key()).figure()).toList();
            List<Double> errors = speedups.stream().map(s -> {
                Claims.Judged j = machine.get(s.key());
                // symmetric bars (XChart's): the wider side
                return j.low() == null ? 0.0 : Math.max(j.high() - j.figure(), j.figure() - j.low());
            }).toList();
            chart.addSeries("[" + i + "] " + labels.get(i), names, ys, errors);
        }
        return Png.save(chart, pngDir.resolve("compare-claims.png"));
    }
}
