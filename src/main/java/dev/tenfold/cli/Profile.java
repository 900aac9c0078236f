package dev.tenfold.cli;

import java.util.List;

/**
 * How long and how often each benchmark runs. {@code smoke} proves every benchmark works (CI, under
 * 3 minutes on 2 cores); {@code quick} is the default answer (under 10 minutes); {@code full} is
 * for publication (3 forks, long iterations, the widest sweep).
 *
 * @param serialTasks tasks per batch of a serial I/O run: serial throughput does not depend on the
 *                    batch size, and 10,000 sequential 50 ms requests would take 8 minutes
 * @param minTasks    smallest batch of a concurrent run; otherwise a batch is 10 x C tasks, so the
 *                    ramp-up and tail of a batch stay small against its steady state
 */
public enum Profile {
    SMOKE(1, 1, 1, 1, 1, List.of(10, 100), 20, 100),
    QUICK(1, 1, 2, 2, 2, List.of(10, 100, 1000), 40, 40),
    FULL(3, 2, 5, 5, 10, List.of(1, 10, 100, 1000, 5000), 200, 200);

    final int forks;
    final int warmupIterations;
    final int warmupSeconds;
    final int measurementIterations;
    final int measurementSeconds;
    final List<Integer> concurrencySweep;
    final int serialTasks;
    final int minTasks;

    Profile(int forks, int warmupIterations, int warmupSeconds, int measurementIterations, int measurementSeconds,
            List<Integer> concurrencySweep, int serialTasks, int minTasks) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupSeconds = warmupSeconds;
        this.measurementIterations = measurementIterations;
        this.measurementSeconds = measurementSeconds;
        this.concurrencySweep = concurrencySweep;
        this.serialTasks = serialTasks;
        this.minTasks = minTasks;
    }

    /** Tasks per batch at concurrency C. */
    int tasksFor(int concurrency) {
        return Math.max(minTasks, 10 * concurrency);
    }

    /** Rough seconds one plan item takes: JVM fork and backend set-up, warm-up, measurement. */
    double estimatedSeconds() {
        return forks * (4.0 + warmupIterations * warmupSeconds + measurementIterations * (measurementSeconds + 0.5));
    }
}
