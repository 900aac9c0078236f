package dev.tenfold.report;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The mixed family's arithmetic, once for the verdict and the plot: at one C, the I/O stage alone
 * and the CPU stage alone give the seconds per batch of images each takes; no combination can
 * beat the slower of the two (their maximum), and one that does not overlap them takes their sum.
 * {@code combinations}: every row at that C that runs both stages, fastest first.
 */
record MixedStages(ResultRow io, ResultRow cpu, int images, double ioSeconds, double cpuSeconds,
        List<ResultRow> combinations) {

    /**
     * One per {@code io-stage} row of the run (one per C), when the run has a {@code cpu-stage} row; rows without
     * throughput left out.
     */
    static List<MixedStages> of(List<ResultRow> rows) {
        List<ResultRow> mixed = rows.stream().filter(r -> !r.python() && r.family() == Family.MIXED
                && r.throughput() != null
                && r.throughput() > 0).toList();
        ResultRow cpu = mixed.stream().filter(r -> r.variant() == Variant.CPU_STAGE).findFirst().orElse(null);
        if (cpu == null) {
            return List.of();
        }
        return mixed.stream().filter(r -> r.variant() == Variant.IO_STAGE).map(io
                -> new MixedStages(io, cpu, io.tasks(),
                io.tasks() / io.throughput(), io.tasks() / cpu.throughput(), mixed.stream()
                        .filter(r -> Objects.equals(r.concurrency(), io.concurrency()) && !r.variant().stageAlone()
                                && r.variant() != Variant.SERIAL)
                        .sorted(Comparator.comparing(ResultRow::throughput).reversed()).toList())).toList();
    }

    /** Seconds per batch that no combination can beat: the slower stage alone. */
    double bound() {
        return Math.max(ioSeconds, cpuSeconds);
    }

    /** Seconds per batch of the stages one after the other. */
    double sum() {
        return ioSeconds + cpuSeconds;
    }

    /** Seconds per batch of {@code row}. */
    double seconds(ResultRow row) {
        return images / row.throughput();
    }
}
