package dev.tenfold.report;

import static dev.tenfold.report.VerdictText.*;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** The verdict's mixed-work section: every combination against its stages alone. */
final class MixedWorkVerdict {
    private MixedWorkVerdict() {
    }

    /**
     * Mixed work: each stage alone gives the bound max(I/O time, CPU time) per batch; every
     * combination is timed against it and against the sum (what splitting the stages costs at best).
     */
    static void mixed(StringBuilder out, List<ResultRow> rows) {
        ResultRow serial = rows.stream().filter(r -> !r.python() && r.family() == Family.MIXED
                && r.variant() == Variant.SERIAL
                && r.throughput() != null && r.throughput() > 0).findFirst().orElse(null);
        for (MixedStages stages : MixedStages.of(rows)) {
            ResultRow io = stages.io();
            ResultRow cpu = stages.cpu();
            int images = stages.images();
            double ioSeconds = stages.ioSeconds();
            double cpuSeconds = stages.cpuSeconds();
            out.append(String.format(Locale.ROOT,
                    "%n== mixed: download -> thumbnail, %d images, C=%d downloads in flight, %d CPU threads ==%n"
                            + "  I/O stage alone %.2f s (%.0f images/s), CPU stage alone %.2f s (%.0f images/s):"
                            + " bound max = %.2f s (%s), no overlap = sum %.2f s%n",
                    images, io.concurrency(), cpu.workers(), ioSeconds, io.throughput(), cpuSeconds, cpu.throughput(),
                    stages.bound(), ioSeconds >= cpuSeconds ? "I/O" : "CPU", stages.sum()));
            List<ResultRow> combos = stages.combinations();
            // Time against max(stages), then the row's own bound: when downloads and thumbnails
            // together need more CPU than the cores have, the CPU roofline binds before max(stages).
            for (ResultRow r : combos) {
                double seconds = stages.seconds(r);
                out.append(String.format(Locale.ROOT,
                        "  %-13s %6.2f s per %d images, %6.1f images/s, %5sx serial, %s of max(stages);"
                        + " bound %s (eff %s), cpu %s%s%n",
                        r.variant(), seconds, images, r.throughput(), num(r.speedup(), 1),
                        pct(stages.bound() / seconds), r.bound(),
                        r.efficiency() == null ? "-" : pct(r.efficiency()), pct(r.cpuShare()),
                        r.errors() != null && r.errors() > 0 ? ", ERRORS " + r.errors() : ""));
            }
            ResultRow best = combos.isEmpty() ? null : combos.get(0);
            ResultRow split = combos.stream().filter(r -> r.variant() == Variant.SPLIT).findFirst().orElse(null);
            ResultRow pipeline = combos.stream().filter(r -> r.variant() == Variant.PIPELINE).findFirst().orElse(null);
            if (best != null && serial != null) {
                out.append(String.format(Locale.ROOT, "  winner here: %s, %.1fx serial (%.1f images/s)%n",
                        best.variant(),
                        best.throughput() / serial.throughput(), serial.throughput()));
            }
            if (split != null && pipeline != null) {
                double ratio = pipeline.throughput() / split.throughput();
                out.append(String.format(Locale.ROOT,
                        "  article's \"download everything, then process\": %s (pipeline %.2f s vs split %.2f s"
                        + " per batch)%n",
                        Verdict.beats(pipeline, split) ? String.format(Locale.ROOT,
                        "overlapping the stages beats it by %.2fx here", ratio)
                                : Verdict.beats(split, pipeline)
                                ? String.format(Locale.ROOT, "it beats overlapping the stages by %.2fx here", 1 / ratio)
                                : pipeline.throughputError() == null || split.throughputError() == null
                                ? String.format(Locale.ROOT, "%.2fx, untested (one sample, no interval)", ratio)
                                : "indistinguishable from overlapping the stages here (the 99% interval of the"
                                + " ratio holds 1)",
                        images / pipeline.throughput(), images / split.throughput()));
            }
        }
    }
}
