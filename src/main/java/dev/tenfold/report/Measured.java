package dev.tenfold.report;

import dev.tenfold.measure.Metric;
import java.util.ArrayList;
import java.util.List;

/**
 * What the measured iterations say: the throughput with its standard error (one sample per
 * measured iteration, forks pooled as JMH pools them), the trend of the rate across the window,
 * and the trend of the client's CPU seconds per task (a JIT still compiling shows there first,
 * while a latency-bound rate stays flat). Trends are null below two samples in a fork.
 */
record Measured(Statistics.Estimate estimate, Statistics.Trend rateTrend, Statistics.Trend cpuTrend) {

    /** yes, no (a significant trend), or null (too few samples to tell). */
    String steady() {
        if (rateTrend == null) {
            return null;
        }
        return rateTrend.steady() && (cpuTrend == null || cpuTrend.steady()) ? "yes" : "no";
    }

    /** JMH's secondary result of tasks that succeeded per second (BatchBenchmark.TaskCounters). */
    static final String TASKS_PER_SECOND = "tasks";

    /**
     * The throughput is succeeded tasks summed over the measured iterations, divided by their summed
     * wall time (the profiler's windows), not JMH's mean of per-iteration batch rates: with few
     * batches per iteration, the two differ; its error is that of this ratio (see
     * {@link Statistics#rate}). Without the profiler's counts (a bare JMH run without it), the
     * samples are JMH's own count of tasks that succeeded per second ({@value #TASKS_PER_SECOND},
     * BatchBenchmark's aux counter), or, in JSON from before it existed, JMH's batch rates x tasks
     * per batch x the share that succeeded.
     */
    static Measured of(JmhRun run) {
        List<double[]> succeeded = run.rawOf(Metric.SUCCEEDED.key());
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
                    cpuPerTask.add(java.util.stream.IntStream.range(0, s.length).mapToDouble(i -> c[i] * w[i] / Math.max(1, s[i])).toArray());
                }
            }
            return new Measured(Statistics.rate(flatten(succeeded), flatten(wall)), Statistics.trend(rates),
                    cpuPerTask.isEmpty() ? null : Statistics.trend(cpuPerTask));
        }
        List<double[]> counted = run.rawOf(TASKS_PER_SECOND);
        if (!counted.isEmpty()) {
            return new Measured(Statistics.estimate(flatten(counted)), Statistics.trend(counted), null);
        }
        double perBatch = tasksPerBatch(run) * successRatio(run);
        List<double[]> rates = new ArrayList<>();
        for (double[] fork : run.rawOf(JmhRun.PRIMARY)) {
            rates.add(java.util.Arrays.stream(fork).map(batches -> batches * perBatch).toArray());
        }
        double[] all = rates.isEmpty() ? new double[] {run.score() * perBatch} : flatten(rates);
        return new Measured(Statistics.estimate(all), rates.isEmpty() ? null : Statistics.trend(rates), null);
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

    private static double[] flatten(List<double[]> perFork) {
        return perFork.stream().flatMapToDouble(java.util.Arrays::stream).toArray();
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
