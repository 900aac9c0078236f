package dev.tenfold.report;

import dev.tenfold.measure.Metric;
import java.util.List;

/**
 * What an open-loop row says beyond its throughput: the rate offered, the tasks still waiting at
 * the end of the windows, whether the model kept up, and the bound that stopped it when not.
 *
 * <p>Overloaded (the SPEC's rule): the tasks waiting at the end of the windows grow with the
 * windows, or p99 exceeds the SLO. Growth is measured per fork, from its first measured window's
 * end to its last's, over the time between them, and averaged over the forks; it counts when it
 * exceeds {@value #GROWTH_SHARE} of the offered rate (a model that keeps up has the same few in
 * flight at every window's end: the count moves by a handful, not by a share of the arrivals).
 *
 * @param offeredRate tasks per second that arrived (the benchmark's {@code rate})
 * @param waiting     tasks arrived and not ended at the end of the last measured window, mean over forks
 * @param growth      how fast that count grew, tasks per second, mean over forks (null with one window)
 * @param sloMs       the latency p99 is held to: {@code sloMs}, or 2 L when it is 0
 * @param overloaded  {@code yes} or {@code no}
 * @param why         what made it overloaded ({@code queue grows}, {@code p99 over the SLO}, both), or null
 */
record OpenLoop(double offeredRate, Double waiting, Double growth, int sloMs, String overloaded, String why) {

    static final double GROWTH_SHARE = 0.02;

    /** Null for a row that is not an open loop (no {@code rate} parameter). */
    static OpenLoop of(JmhRun run, Double p99Ms) {
        Integer rate = run.intParam("rate");
        if (rate == null) {
            return null;
        }
        Integer slo = run.intParam("sloMs");
        int sloMs = slo == null || slo <= 0 ? 2 * run.intParam("latencyMs") : slo;
        List<double[]> waiting = run.rawOf(Metric.WAITING.key());
        List<double[]> wall = run.rawOf(Metric.WALL_S.key());
        Double last = waiting.isEmpty() ? null
                : waiting.stream().filter(f -> f.length > 0).mapToDouble(f
                -> f[f.length - 1]).average().orElse(Double.NaN);
        Double growth = growth(waiting, wall);
        boolean grows = growth != null && growth > GROWTH_SHARE * rate;
        boolean slow = p99Ms != null && p99Ms > sloMs;
        String why = grows && slow ? "queue grows, p99 over the SLO" : grows ? "queue grows" : slow ? "p99 over the SLO"
                : null;
        return new OpenLoop(rate, last == null || last.isNaN() ? null : last, growth, sloMs, why == null ? "no" : "yes",
                why);
    }

    /** Tasks per second by which the count waiting grew over each fork's windows, averaged over forks. */
    static Double growth(List<double[]> waiting, List<double[]> wall) {
        double sum = 0;
        int forks = 0;
        for (int f = 0; f < Math.min(waiting.size(), wall.size()); f++) {
            double[] w = waiting.get(f);
            double[] s = wall.get(f);
            if (w.length < 2 || s.length != w.length) {
                continue;
            }
            double seconds = 0;
            for (int i = 1; i < s.length; i++) {
                seconds += s[i]; // from the end of the first window to the end of the last
            }
            if (seconds > 0) {
                sum += (w[w.length - 1] - w[0]) / seconds;
                forks++;
            }
        }
        return forks == 0 ? null : sum / forks;
    }

    /**
     * The bound of an open-loop row: none while it keeps up (the offered rate sets its throughput);
     * overloaded, Little's law when it completes at least 85% of C / L, the CPU roofline when client
     * and backend use 90% of the cores, else unexplained.
     */
    String bound(double achieved, int concurrency, Integer latencyMs, Double cpuShare, Double backendShare) {
        if (overloaded.equals("no")) {
            return null;
        }
        double capacity = latencyMs == null || latencyMs <= 0 ? Double.POSITIVE_INFINITY
                : concurrency * 1000.0 / latencyMs;
        if (achieved >= 0.85 * capacity) {
            return "littles-law";
        }
        double cpu = (cpuShare == null ? 0 : cpuShare) + (backendShare == null ? 0 : backendShare);
        return cpu >= 0.90 ? "cpu-roofline" : "unexplained";
    }
}
