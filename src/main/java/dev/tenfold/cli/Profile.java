package dev.tenfold.cli;

import java.util.List;

/**
 * How long and how often each benchmark runs. {@code smoke} proves every benchmark works (CI, under
 * 3 minutes on 2 cores; one batch of warm-up and one sample, so no statistics); {@code quick} is the
 * default answer (under 10 minutes on 2 cores: 3 forks of 6 samples behind every row, so its
 * intervals hold the variation between JVMs, on the claims of the I/O, CPU and mixed families at
 * C=10); {@code full} is for publication (3 forks of 10 samples, every family and the widest
 * sweep); {@code article} runs the blog post's own cases (see SuitePlan): 8 samples of one batch
 * each, 3 of the 12 s batches at C=10, and one of the literal two-minute serial run; {@code latency}
 * runs the open loop's rate sweep alone (also part of full): 3 forks of 6 samples, after one
 * warm-up iteration in which the arrivals settle into their queue.
 *
 * <p>Every trial first warms up until the JIT is done and the CPU per task is flat (see
 * measure/TrialWarmUp and measure/WarmUpRule), within {@code warmupCapSeconds}, then runs JMH's warm-up
 * iterations (none in quick and full) and the measured ones. The fork is the unit of replication:
 * the 99% interval of 3 fork rates is t(2) = 9.92 standard errors wide, so quick cuts rows
 * (resilience, C=100, the other CPU workloads and models go to full), never forks. quick stops the
 * I/O sweep at C=10; full runs C=10 to 1000 with a 40 s cap (its plan is cut to fit 150 minutes on
 * 2 cores by --dry-run's estimate, docs/measurement.md "Time": C=1 and 5000; on the CPU workloads
 * after the first, every model but serial and threads; cores-1 where it is one worker JVM; the
 * hand-off's serial rows; resilience below K, at 2 K, every policy but no-retry at K, and the cold
 * start; mixed and Python I/O past C=10 are left out; -p puts most of them back).
 *
 * @param serialTasks tasks per batch of a serial I/O run: serial throughput does not depend on the
 *                    batch size, and 10,000 sequential 50 ms requests would take 8 minutes
 * @param minTasks    smallest batch of a concurrent run; otherwise a batch is 10 x C tasks, so the
 *                    ramp-up and tail of a batch stay small against its steady state
 */
public enum Profile {
    SMOKE(1, 0, 0, 0, 1, 500, List.of(10), 20, 100),
    QUICK(3, 13, 0, 0, 6, 500, List.of(10), 10, 10),
    FULL(3, 40, 0, 0, 10, 1000, List.of(10, 100, 1000), 40, 20),
    ARTICLE(1, 10, 0, 0, 8, 1, List.of(10), 120, 120),
    LATENCY(3, 9, 1, 1000, 6, 1000, List.of(10), 20, 10);

    final int forks;
    final int warmupCapSeconds;
    final int warmupIterations;
    final int warmupMillis;
    final int measurementIterations;
    final int measurementMillis;
    final List<Integer> concurrencySweep;
    final int serialTasks;
    final int minTasks;

    Profile(int forks, int warmupCapSeconds, int warmupIterations, int warmupMillis, int measurementIterations,
            int measurementMillis, List<Integer> concurrencySweep, int serialTasks, int minTasks) {
        this.forks = forks;
        this.warmupCapSeconds = warmupCapSeconds;
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
        this.concurrencySweep = concurrencySweep;
        this.serialTasks = serialTasks;
        this.minTasks = minTasks;
    }

    /**
     * Milliseconds of each of a trial's two idle windows that measure its background CPU (see
     * WindowProfiler): smoke's single sample only shows that the roofline is computed.
     */
    long backgroundMillis() {
        return this == SMOKE ? 50 : 300;
    }

    /** Tasks per batch at concurrency C. */
    int tasksFor(int concurrency) {
        return Math.max(minTasks, 10 * concurrency);
    }
}
