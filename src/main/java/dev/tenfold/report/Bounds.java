package dev.tenfold.report;

import dev.tenfold.vocabulary.Family;

/**
 * The SPEC's definitions as pure functions: what speedup a variant could reach, which limit
 * explains the figure, and how the article's rule and ours classify it.
 */
public final class Bounds {
    /** The article's line: "CPU below 30% means I/O-bound". */
    public static final double IO_BOUND_BELOW = 0.30;
    /** Observed latency this much above the configured one means the backend added delay. */
    public static final double BACKEND_SLOWDOWN = 1.20;
    /**
     * Client + backend CPU share of the usable cores from which the machine counts as saturated
     * (SPEC): only then can the CPU roofline be what limits a figure.
     */
    public static final double CPU_SATURATED = 0.90;

    /**
     * The smallest CPU share a difference of two readings resolves: Linux counts CPU in 10 ms
     * ticks, 1% of 2 cores over a 1 s window is 2 ticks.
     */
    public static final double MEASURABLE_SHARE = 0.01;

    private Bounds() {
    }

    /** A bound explains a figure only when the figure comes within this fraction of it (SPEC). */
    public static final double EXPLAINS_FROM = 0.85;

    /**
     * The bound, or {@code unexplained} when the figure stays below 85% of it: then something else,
     * such as copying inputs to worker JVMs, is the limit, and the verdict says what was measured.
     * {@code backend} is not a ceiling but a flag (the figure is not a client result): it stays.
     */
    public static String explained(String bound, Double efficiency) {
        return efficiency != null && efficiency < EXPLAINS_FROM && !"backend".equals(bound) ? "unexplained" : bound;
    }

    /**
     * I/O: min(C, tasks), Little's law (C in flight over latency L gives C/L per second).
     * CPU: min(threads, usable cores, tasks).
     */
    public static double idealSpeedup(Family family, int threads, int tasks, int logicalCores) {
        return family.waitsOnIo() ? Math.min(threads, tasks) : Math.min(Math.min(threads, logicalCores), tasks);
    }

    /**
     * The speedup at which the machine runs out of CPU at the measured marginal cost per task (SPEC):
     * usable_cores / (marginal_cpu_seconds_per_task x serial_throughput), where the marginal CPU per
     * task = (cpu_share + backend_cpu_share - background_cpu_share) x usable_cores / throughput: the
     * CPU the JVMs spend whatever the load (JIT, GC, timers; measured idle at set-up) is not a cost
     * of the tasks, and counting it would make the roofline restate the CPU share. Null when the
     * CPU above the background is below {@link #MEASURABLE_SHARE} (no CPU bound can be told).
     */
    public static Double rooflineSpeedup(double throughput, double serialThroughput, Double cpuShare,
            Double backendCpuShare,
                                         Double backgroundCpuShare) {
        double share = (cpuShare == null ? 0 : cpuShare) + (backendCpuShare == null ? 0 : backendCpuShare);
        double marginal = share - (backgroundCpuShare == null ? 0 : backgroundCpuShare);
        if (marginal < MEASURABLE_SHARE || serialThroughput <= 0 || throughput <= 0) {
            return null;
        }
        return throughput / (marginal * serialThroughput);
    }

    /** speedup / min(ideal, roofline where defined). */
    public static double efficiency(double speedup, double ideal, Double roofline) {
        double achievable = roofline == null ? ideal : Math.min(ideal, roofline);
        return speedup / achievable;
    }

    /** The article's rule as stated: io-bound when the whole machine's CPU share is below 30%. */
    public static String articleRule(double cpuShare) {
        return cpuShare < IO_BOUND_BELOW ? "io-bound" : "cpu-bound";
    }

    /**
     * The same test on the cores the variant can use: busy cores / min(threads, cores) below 30%
     * means io-bound. A serial CPU task keeps one core busy: 100% of what it can use, on any machine.
     */
    public static String classification(double busyCores, int threads, int logicalCores) {
        return busyCores / Math.min(threads, logicalCores) < IO_BOUND_BELOW ? "io-bound" : "cpu-bound";
    }

    /**
     * Which limit explains the figure. I/O families: {@code backend} (a flag) when the backend
     * itself (timed inside it) took over 20% longer per response than the configured latency: the
     * figure is then not a client result; else {@code cpu-roofline} when the CPU bound is below the
     * ideal and client + backend kept at least 90% of the usable cores busy; else
     * {@code server-limit} when the endpoint admits K < C in flight; else {@code tasks} when the
     * batch is smaller than C; else {@code littles-law}. CPU family: {@code tasks} when there are
     * fewer tasks than usable threads; else {@code cores}: the cores the variant can use,
     * min(threads, usable cores). {@link #explained} then keeps the label only where the figure
     * reaches 85% of it.
     */
    public static String bound(Family family, int threads, int tasks, int usableCores, double ideal, Double roofline,
                               Double backendLatencyMs, Integer latencyMs, Double cpuShare, Double backendCpuShare,
                               Integer serverLimit) {
        if (family.waitsOnIo()) {
            double share = (cpuShare == null ? 0 : cpuShare) + (backendCpuShare == null ? 0 : backendCpuShare);
            if (backendLatencyMs != null && latencyMs != null && latencyMs > 0
                    && backendLatencyMs > BACKEND_SLOWDOWN * latencyMs) {
                return "backend";
            }
            if (roofline != null && roofline < ideal && share >= CPU_SATURATED) {
                return "cpu-roofline";
            }
            if (serverLimit != null && serverLimit < Math.min(threads, tasks)) {
                return "server-limit";
            }
            return tasks < threads ? "tasks" : "littles-law";
        }
        return tasks < Math.min(threads, usableCores) ? "tasks" : "cores";
    }
}
