package dev.tenfold.measure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the trial's warm-up may end: its work done, the JIT quiet (<= 2%) over 2 s, the CPU per task without a trend
 * over 4 s.
 */
class WarmUpRuleTest {

    /** Batches of 0.5 s and 100 tasks, with these CPU ms per task and compile ms added in each batch. */
    private static WarmUpRule fed(long minimumTasks, double[] cpuMillisPerTask, long[] compiledPerBatch) {
        WarmUpRule rule = new WarmUpRule(minimumTasks, 1_000);
        long compiled = 1_000;
        for (int i = 0; i < cpuMillisPerTask.length; i++) {
            compiled += compiledPerBatch[i];
            rule.add(new WarmUpRule.Batch(0.5, 100, cpuMillisPerTask[i] * 100 / 1000, compiled));
        }
        return rule;
    }

    private static double[] constant(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void endsWhenTheJitIsQuietAndTheCpuPerTaskFlat() {
        // 8 batches of 0.5 s = 4 s; compile time grew 2 ms per batch: 10 ms over the last 2.5 s, under 2%
        assertTrue(fed(500, constant(8, 1.0), new long[] {2, 2, 2, 2, 2, 2, 2, 2}).done());
    }

    @Test
    void waitsForTheWorkEvenWhenEverythingIsQuiet() {
        assertFalse(fed(801, constant(8, 1.0), new long[8]).done(), "800 tasks of 801");
        assertTrue(fed(800, constant(8, 1.0), new long[8]).done());
    }

    @Test
    void aCompilationInTheLastTwoSecondsKeepsItGoing() {
        // 60 ms compiled in the 6th batch: inside the last 2 s (>= 5 batches: batches 4-8), over 2% of 2.5 s = 50 ms
        WarmUpRule rule = fed(0, constant(8, 1.0), new long[] {0, 0, 0, 0, 0, 60, 0, 0});
        assertFalse(rule.jitDone());
        assertTrue(rule.cpuFlat());
        assertFalse(rule.done());
        // the same compilation before the span: done
        assertTrue(fed(0, constant(8, 1.0), new long[] {0, 0, 60, 0, 0, 0, 0, 0}).jitDone());
        assertTrue(fed(0, constant(8, 1.0), new long[] {0, 0, 0, 0, 0, 40, 0, 0}).jitDone(), "40 ms: 1.6% of the span");
    }

    @Test
    void aCpuBoundTaskToleratesTheJitsCrumbsAgainstItsWork() {
        // 9 ms of CPU per task x 100 tasks = 0.9 s per 0.5 s batch (both cores): 30 ms of compile
        // over the last 5 batches is 0.7% of their 4.5 s of CPU
        WarmUpRule rule = fed(0, constant(8, 9.0), new long[] {0, 0, 0, 0, 0, 30, 0, 0});
        assertTrue(rule.jitDone());
        assertFalse(fed(0, constant(8, 9.0), new long[] {0, 0, 0, 0, 0, 100, 0, 0}).jitDone(), "100 ms: 2.2%");
    }

    @Test
    void aFallingCpuPerTaskKeepsItGoing() {
        double[] falling = {1.4, 1.35, 1.3, 1.25, 1.2, 1.15, 1.1, 1.05}; // -25% over the span, no noise
        WarmUpRule rule = fed(0, falling, new long[8]);
        assertTrue(rule.jitDone());
        assertFalse(rule.cpuFlat());
    }

    @Test
    void noiseWithoutATrendIsFlat() {
        // 10 ms CPU ticks over batches of 10 ticks: +-10% per batch, no trend
        assertTrue(WarmUpRule.flat(new double[] {1.0, 1.1, 0.9, 1.0, 1.1, 0.9, 1.0, 1.0}));
        // a small trend (3% over the span) is no reason to wait, even when significant
        assertTrue(WarmUpRule.flat(new double[] {1.03, 1.026, 1.021, 1.017, 1.013, 1.009, 1.004, 1.0}));
        assertFalse(WarmUpRule.flat(new double[] {1.2, 1.17, 1.14, 1.11, 1.08, 1.05, 1.03, 1.0}));
    }

    @Test
    void tooFewBatchesAreNeverDone() {
        assertFalse(fed(0, constant(7, 1.0), new long[7]).cpuFlat(), "3.5 s of batches: under the 4 s span");
        assertFalse(fed(0, constant(3, 1.0), new long[3]).jitDone(), "1.5 s: under the 2 s span");
    }

    @Test
    void ratesAgreeWhenTheLastThreeLieWithinTheSpread() {
        assertTrue(WarmUpRule.lastAgree(List.of(50.0, 100.0, 102.0, 98.0), 0.05));
        assertFalse(WarmUpRule.lastAgree(List.of(100.0, 102.0), 0.05), "two rates");
        assertFalse(WarmUpRule.lastAgree(List.of(90.0, 100.0, 110.0), 0.05));
    }
}
