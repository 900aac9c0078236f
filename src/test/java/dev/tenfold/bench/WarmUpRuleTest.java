package dev.tenfold.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.measure.Environment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the set-up warm-up may stop before its amount of work: three batches agree, and the JIT had CPU to spare. */
class WarmUpRuleTest {
    private static final Environment.CpuTicks IDLE_START = new Environment.CpuTicks(10_000, 4_000, 0);
    private static final Environment.CpuTicks HALF_IDLE_LATER = new Environment.CpuTicks(11_000, 4_500, 0);

    /** Batches of 1000 tasks; {@code cpuMicrosPerTask} x 1000 tasks: 0.1 s of CPU per batch at 100 us. */
    private static List<BatchBenchmark.WarmUpBatch> batches(double[] rates, double[] cpuMicrosPerTask) {
        return java.util.stream.IntStream.range(0, rates.length)
                .mapToObj(i -> new BatchBenchmark.WarmUpBatch(rates[i], 1000, (long) (cpuMicrosPerTask[i] * 1000 * 1000), IDLE_START))
                .toList();
    }

    @Test
    void threeBatchesAgreeingOnRateAndCpuPerTaskAreSettled() {
        assertTrue(BatchBenchmark.settled(batches(new double[] {0.38, 0.39, 0.385}, new double[] {100, 105, 98}), HALF_IDLE_LATER));
        assertFalse(BatchBenchmark.settled(batches(new double[] {0.39, 0.385}, new double[] {100, 100}), HALF_IDLE_LATER), "two batches");
        assertFalse(BatchBenchmark.settled(batches(new double[] {0.36, 0.39, 0.40}, new double[] {100, 100, 100}), HALF_IDLE_LATER),
                "0.36 is 4.4% below the mean rate");
        assertFalse(BatchBenchmark.settled(batches(new double[] {0.39, 0.39, 0.39}, new double[] {1400, 1100, 1000}), HALF_IDLE_LATER),
                "the same rate, but the JIT still cuts the CPU per task");
        assertTrue(BatchBenchmark.settled(batches(new double[] {0.39, 0.39, 0.39}, new double[] {12, 15, 13}), HALF_IDLE_LATER),
                "12 to 15 ms of CPU per batch: 1 to 2 clock ticks, whose count says nothing of the JIT");
        assertFalse(BatchBenchmark.settled(batches(new double[] {0.39, 0.39, 0.39}, new double[] {100, 100, 100}),
                new Environment.CpuTicks(11_000, 4_100, 0)), "a plateau on a saturated machine");
    }

    @Test
    void aSaturatedMachineHasNoSpareCpuForTheJit() {
        Environment.CpuTicks start = new Environment.CpuTicks(10_000, 4_000, 0);
        // 1000 ticks passed: 100 idle (10%, io/virtual at C=1000 on 2 cores) or 600 idle (60%, C=10)
        assertFalse(BatchBenchmark.spareCpu(start, new Environment.CpuTicks(11_000, 4_100, 0)));
        assertTrue(BatchBenchmark.spareCpu(start, new Environment.CpuTicks(11_000, 4_600, 0)));
        assertTrue(BatchBenchmark.spareCpu(null, start), "no /proc/stat: the rates alone decide");
    }
}
