package dev.tenfold.report;

import dev.tenfold.measure.Metric;
import java.util.ArrayList;
import java.util.List;

/**
 * What the measured iterations say: the throughput with its standard error, the trend of the rate
 * across the window, and the trend of the client's CPU seconds per task (a JIT still compiling
 * shows there first, while a latency-bound rate stays flat). Trends are null below two samples in
 * a fork.
 *
 * <p>The fork is the unit of replication: samples of one JVM share its JIT decisions, its heap
 * layout and its moment on the machine, so they are correlated and say little about the next run.
 * With two forks or more the standard error is that of the fork rates (t with forks - 1 degrees of
 * freedom), which covers run-to-run variation; with one fork it can only be that of the samples,
 * and {@link #forks} says so (docs/measurement.md).
 */
record Measured(Statistics.Estimate estimate, Statistics.Trend rateTrend, Statistics.Trend cpuTrend, int forks,
                double forkSpread, int samples, Double cpuSettling) {

    /** Measured iterations over all forks (the CSV's {@code samples}; the interval's units are the forks). */
    private static int samples(List<double[]> forks) {
        return forks.stream().mapToInt(f -> f.length).sum();
    }

    /**
     * How far apart the forks' own rates lie: (highest - lowest) / their mean; null with one fork.
     * Where it is large the row's interval is wide because JVMs differ, not because samples do.
     */
    Double forkSpreadOrNull() {
        return forks < 2 || Double.isNaN(forkSpread) ? null : forkSpread;
    }

    private static double spread(List<double[]> work, List<double[]> time) {
        double[] rates = new double[work.size()];
        for (int f = 0; f < rates.length; f++) {
            rates[f] = java.util.Arrays.stream(work.get(f)).sum() / java.util.Arrays.stream(time.get(f)).sum();
        }
        double mean = java.util.Arrays.stream(rates).average().orElse(Double.NaN);
        return (java.util.Arrays.stream(rates).max().orElse(0) - java.util.Arrays.stream(rates).min().orElse(0)) / mean;
    }

    private static List<double[]> ones(List<double[]> like) {
        return like.stream().map(f -> java.util.Arrays.stream(f).map(x -> 1).toArray()).toList();
    }

    /**
     * yes, no (a significant trend, or a CPU share still settling), or null (too few samples to tell).
     * A JIT still compiling comes in bursts, a window here and there, which a straight line through
     * the samples does not call significant: the CPU share over all samples against the mean of each
     * fork's second half catches it (the criterion of docs/measurement.md, "Warm-up").
     */
    String steady() {
        if (rateTrend == null) {
            return null;
        }
        boolean settled = cpuSettling == null || Math.abs(cpuSettling) <= Statistics.MAX_DRIFT;
        return rateTrend.steady() && (cpuTrend == null || cpuTrend.steady()) && settled ? "yes" : "no";
    }

    /**
     * The CPU share over all samples (weighted by their time) relative to the mean of each fork's
     * second half, minus 1: above 0 while a JIT still compiling inflates the first samples; null
     * without a CPU share or with a fork of fewer than two samples.
     */
    private static Double cpuSettling(List<double[]> cpu, List<double[]> wall) {
        double cpuSeconds = 0;
        double seconds = 0;
        double late = 0;
        for (int f = 0; f < cpu.size(); f++) {
            double[] c = cpu.get(f);
            double[] w = wall.get(f);
            if (c.length < 2) {
                return null;
            }
            double lateCpu = 0;
            double lateSeconds = 0;
            for (int i = 0; i < c.length; i++) {
                cpuSeconds += c[i] * w[i];
                seconds += w[i];
                if (i >= c.length / 2) {
                    lateCpu += c[i] * w[i];
                    lateSeconds += w[i];
                }
            }
            late += lateCpu / lateSeconds / cpu.size();
        }
        return late > 0 ? cpuSeconds / seconds / late - 1 : null;
    }

    /** JMH's secondary result of tasks that succeeded per second (bench/TaskCounters). */
    static final String TASKS_PER_SECOND = "tasks";

    /**
     * The throughput is succeeded tasks summed over the measured iterations, divided by their summed
     * time (the span of the work JMH timed, from the iteration's set-up to its tear-down), not JMH's mean of
     * per-iteration batch rates: with few
     * batches per iteration, the two differ; its error is that of this ratio (see
     * {@link Statistics#rate}). Without the profiler's counts (a bare JMH run without it), the
     * samples are JMH's own count of tasks that succeeded per second ({@value #TASKS_PER_SECOND},
     * BatchBenchmark's aux counter), or, in JSON from before it existed, JMH's batch rates x tasks
     * per batch x the share that succeeded.
     */
    static Measured of(JmhRun run) {
        List<double[]> succeeded = run.rawOf(Metric.SUCCEEDED.key());
        // the span of the work JMH timed (in a JSON from before 2026-12-03: the profiler's window)
        List<double[]> wall = run.rawOf(Metric.WALL_S.key());
        List<double[]> cpu = run.rawOf(Metric.CPU_SHARE.key());
        if (sameShape(succeeded, wall)) {
            List<double[]> rates = new ArrayList<>();
            List<double[]> cpuPerTask = new ArrayList<>();
            for (int f = 0; f < succeeded.size(); f++) {
                double[] s = succeeded.get(f);
                double[] w = wall.get(f);
                rates.add(java.util.stream.IntStream.range(0, s.length).mapToDouble(i -> s[i] / w[i]).toArray());
                if (sameShape(cpu, wall)) {
                    double[] c = cpu.get(f);
                    cpuPerTask.add(java.util.stream.IntStream.range(0, s.length)
                            .mapToDouble(i -> c[i] * w[i] / Math.max(1, s[i])).toArray());
                }
            }
            return new Measured(Statistics.rateOverForks(succeeded, wall), Statistics.trend(rates),
                    cpuPerTask.isEmpty() ? null : Statistics.trend(cpuPerTask), succeeded.size(),
                    spread(succeeded, wall),
                    samples(succeeded), cpuPerTask.isEmpty() ? null : cpuSettling(cpu, wall));
        }
        List<double[]> counted = run.rawOf(TASKS_PER_SECOND);
        if (!counted.isEmpty()) {
            return new Measured(Statistics.meanOverForks(counted), Statistics.trend(counted), null, counted.size(),
                    spread(counted, ones(counted)), samples(counted), null);
        }
        double perBatch = tasksPerBatch(run) * successRatio(run);
        List<double[]> rates = new ArrayList<>();
        for (double[] fork : run.rawOf(JmhRun.PRIMARY)) {
            rates.add(java.util.Arrays.stream(fork).map(batches -> batches * perBatch).toArray());
        }
        if (rates.isEmpty()) {
            return new Measured(Statistics.estimate(new double[] {run.score() * perBatch}), null, null, 1, Double.NaN,
                    1, null);
        }
        return new Measured(Statistics.meanOverForks(rates), Statistics.trend(rates), null, rates.size(),
                spread(rates, ones(rates)),
                samples(rates), null);
    }

    private static boolean sameShape(List<double[]> a, List<double[]> b) {
        if (a.isEmpty() || a.size() != b.size()) {
            return false;
        }
        for (int f = 0; f < a.size(); f++) {
            if (a.get(f).length != b.get(f).length) {
                return false;
            }
        }
        return true;
    }

    /** The run's {@code tasks} parameter: tasks per JMH operation (one batch). */
    static int tasksPerBatch(JmhRun run) {
        Integer tasks = run.intParam("tasks");
        return tasks == null ? 1 : tasks;
    }

    private static double successRatio(JmhRun run) {
        Double attempted = run.metric(Metric.ATTEMPTED);
        Double succeeded = run.metric(Metric.SUCCEEDED);
        return attempted == null || succeeded == null || attempted == 0 ? 1.0 : succeeded / attempted;
    }
}
