package dev.tenfold.report;

import dev.tenfold.measure.Metric;
import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Language;
import dev.tenfold.vocabulary.Variant;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** JMH runs + the run's context → CSV rows, with every derived column of the SPEC computed. */
public final class Rows {
    private Rows() {
    }

    public static List<ResultRow> fromJmhJson(Path json, RunContext context) throws IOException {
        return fromRuns(JmhRun.read(json), context);
    }

    static List<ResultRow> fromRuns(List<JmhRun> runs, RunContext context) {
        Map<String, JmhRun> serialByKey = new HashMap<>();
        Map<String, JmhRun> serialBySameTasks = new HashMap<>();
        for (JmhRun run : runs) {
            if (run.variant() == Variant.SERIAL) {
                serialByKey.putIfAbsent(baselineKey(run), run);
                serialBySameTasks.putIfAbsent(baselineKey(run) + "|" + tasks(run), run);
            }
        }
        List<ResultRow> rows = new ArrayList<>();
        for (JmhRun run : runs) {
            JmhRun serial = serialBySameTasks.getOrDefault(baselineKey(run) + "|" + tasks(run),
                    serialByKey.get(baselineKey(run)));
            // A stage run alone does part of the task: no speedup over the whole task's serial run;
            // an open loop's rate is the one offered, whatever the model: no speedup either.
            boolean noSpeedup = run.variant().stageAlone() || run.params().containsKey("rate");
            rows.add(row(run, serial == null || noSpeedup ? null : Measured.of(serial), stageBound(run, runs),
                    context));
        }
        return rows;
    }

    /** The slower stage of the mixed task and its rate (tasks/s), which no way of combining the stages can beat. */
    record StageBound(double throughput, String bound) {
    }

    /**
     * For a mixed row that combines both stages: the slower of the I/O stage alone (same C and
     * latency) and the CPU stage alone (same workers), both measured in this run. An ideal
     * combination overlaps them fully, so a batch takes max(I/O time, CPU time). Null when either
     * stage run is missing, or for the stage runs and serial themselves.
     */
    static StageBound stageBound(JmhRun run, List<JmhRun> runs) {
        if (run.family() != Family.MIXED || run.variant() == Variant.SERIAL || run.variant().stageAlone()) {
            return null;
        }
        JmhRun io = runs.stream().filter(r -> r.family() == Family.MIXED && r.variant() == Variant.IO_STAGE
                && r.params().get("concurrency").equals(run.params().get("concurrency"))
                && r.params().get("latencyMs").equals(run.params().get("latencyMs"))).findFirst().orElse(null);
        JmhRun cpu = runs.stream().filter(r -> r.family() == Family.MIXED && r.variant() == Variant.CPU_STAGE
                && r.params().get("workers").equals(run.params().get("workers"))).findFirst().orElse(null);
        if (io == null || cpu == null) {
            return null;
        }
        double ioRate = throughput(io);
        double cpuRate = throughput(cpu);
        return ioRate <= cpuRate ? new StageBound(ioRate, "littles-law") : new StageBound(cpuRate, "cores");
    }

    /**
     * Speedup compares with the serial run of the same runtime, family, workload and latency. The batch size
     * is not required to match: a serial rate does not depend on it (see Profile.serialTasks), and
     * 10,000 sequential 50 ms requests would take 8 minutes. A serial run with the same batch size,
     * when there is one, is preferred.
     */
    private static String baselineKey(JmhRun run) {
        return run.runtime() + "|" + run.family() + "|" + run.params().getOrDefault("endpoint", workload(run)) + "|"
                + run.params().getOrDefault("latencyMs", "");
    }

    /**
     * The workload column: the CPU workload, the resilience endpoint and client policy
     * ({@code limited-retry}), {@code open-loop} for the open loop's rows, or the family's name. A resilience row's
     * baseline is the serial run
     * on the same endpoint (which, one request at a time, never meets the limit).
     */
    private static String workload(JmhRun run) {
        String endpoint = run.params().get("endpoint");
        if (run.params().containsKey("rate")) {
            return "open-loop";
        }
        return endpoint != null ? endpoint + "-" + run.params().get("policy")
                : run.params().getOrDefault("workload", run.family().toString());
    }

    /** K when the rate-limited endpoint admits at most K requests at once; null otherwise. */
    private static Integer serverLimit(JmhRun run) {
        return "limited".equals(run.params().get("endpoint")) ? run.intParam("limit") : null;
    }

    /** Tasks completed per second in the measured iterations. */
    static double throughput(JmhRun run) {
        return Measured.of(run).estimate().mean();
    }

    private static int tasks(JmhRun run) {
        return Measured.tasksPerBatch(run);
    }

    private static ResultRow row(JmhRun run, Measured serial, StageBound stages, RunContext c) {
        Double serialThroughput = serial == null ? null : serial.estimate().mean();
        Family family = run.family();
        Variant variant = run.variant();
        Integer concurrency = run.intParam("concurrency");
        Integer workers = variant.hasWorkers() ? run.intParam("workers") : null;
        Integer latency = run.intParam("latencyMs");
        int tasks = tasks(run);
        int threads = variant.threadsInUse(concurrency, workers);
        int cores = c.usableCores();

        Measured measured = Measured.of(run);
        double throughput = measured.estimate().mean();
        double error = measured.estimate().halfWidth();
        // Rounded once, here, so the CSV's article_rule agrees with the cpu_share it prints.
        Double cpuShare = significant(run.metric(Metric.CPU_SHARE), 4);
        Double backendShare = significant(run.metric(Metric.BACKEND_CPU_SHARE), 4);
        Double backgroundShare = significant(run.metric(Metric.BACKGROUND_CPU_SHARE), 3);
        Double observedLatency = run.metric(Metric.LATENCY_MS);
        Double backendLatency = run.metric(Metric.BACKEND_LATENCY_MS);

        Integer limit = serverLimit(run);
        Double speedup = serialThroughput == null || serialThroughput <= 0 ? null : throughput / serialThroughput;
        Statistics.Interval speedupInterval = speedup == null ? null
                : Statistics.ratio(measured.estimate(), serial.estimate());
        Double p99 = latencyMs(run, 99);
        OpenLoop open = OpenLoop.of(run, p99);
        Double ideal = open != null ? null : stages != null && serialThroughput != null && serialThroughput > 0
                ? stages.throughput() / serialThroughput
                : Bounds.idealSpeedup(variant.boundsFamily(family),
                        limit == null ? threads : Math.min(threads, limit), tasks, cores);
        Double roofline = family.waitsOnIo() && serialThroughput != null
                ? Bounds.rooflineSpeedup(throughput, serialThroughput, cpuShare, backendShare, backgroundShare) : null;
        Double efficiency = speedup == null ? null : Bounds.efficiency(speedup, ideal, roofline);
        Double busy = cpuShare == null ? null : cpuShare * cores;
        // The limit named, then kept only where the figure reaches 85% of that limit itself.
        String label = open != null ? open.bound(throughput, threads, latency, cpuShare, backendShare)
                : Bounds.bound(variant.boundsFamily(family), threads, tasks, cores, ideal, roofline,
                        backendLatency, latency, cpuShare, backendShare, limit);
        if (stages != null && !List.of("cpu-roofline", "backend").contains(label)) {
            label = stages.bound();
        }
        Double labelEfficiency = speedup == null ? null
                : speedup / ("cpu-roofline".equals(label) ? Math.min(ideal, roofline) : ideal);

        return new ResultRow(c.runId(), c.timestamp(), c.host(), c.os(), c.cpuModel(), c.physicalCores(),
                c.logicalCores(),
                c.memoryGb(), c.jdk(), family, workload(run), variant, concurrency, workers, latency, tasks,
                significant(throughput, 5), Double.isNaN(error) ? null : significant(error, 3), round(speedup, 3),
                round(ideal, 3), round(roofline, 3), round(efficiency, 3), cpuShare, round(busy, 3),
                backendShare, round(run.metric(Metric.RSS_MB), 1),
                cpuShare == null ? null : Bounds.articleRule(cpuShare),
                busy == null ? null : Bounds.classification(busy, threads, cores),
                Bounds.explained(label, labelEfficiency),
                count(run, Metric.ERRORS), count(run, Metric.RETRIES),
                measured.samples(), speedupInterval == null ? null : roundDown(speedupInterval.low(), 3),
                speedupInterval == null ? null : roundUp(speedupInterval.high(), 3), measured.steady(), cores,
                round(c.loadStart(), 3), significant(run.metric(Metric.STEAL_SHARE), 3), run.runtime(),
                count(run, Metric.ATTEMPTED), count(run, Metric.SUCCEEDED), count(run, Metric.HTTP_429),
                limit, round(observedLatency, 2), round(backendLatency, 2), c.profile(),
                measured.rateTrend() == null ? null : round(measured.rateTrend().drift(), 4),
                measured.cpuTrend() == null ? null : round(measured.cpuTrend().drift(), 4),
                round(measured.cpuSettling(), 4), c.cpuPolicy(),
                backgroundShare,
                count(run, Metric.THREADS), count(run, Metric.BACKEND_REQUESTS),
                round(run.metric(Metric.PIPE_COPY_MS), 1),
                round(run.metric(Metric.DESCENDANTS_RSS_MB), 1), measured.forks(),
                round(perFork(run, Metric.JIT_MS, true), 1),
                round(perFork(run, Metric.WARMUP_S, false), 1), c.commit() == null ? "unknown" : c.commit(),
                round(measured.forkSpreadOrNull(), 4), significant(jitShareOfCpu(run, cores), 3),
                latencyMs(run, 50), latencyMs(run, 90), p99, latencyMs(run, 99.9), latencyMs(run, 100),
                open == null ? null : open.offeredRate(), open == null ? null : significant(throughput, 5),
                open == null ? null : round(open.waiting(), 1), open == null ? null : open.overloaded(),
                open == null ? null : open.sloMs(), percentileMs(run.backendLatency(), 50),
                percentileMs(run.backendLatency(), 99),
                jvmFlags(run), run.runtime() == Language.PYTHON ? property(run, PYTHON_VERSION_PROPERTY) : null);
    }

    /** The JVM property that carries the Python version of the recipe's rows into the JMH JSON (its jvmArgs). */
    public static final String PYTHON_VERSION_PROPERTY = "tenfold.python.version";

    /** The fork's -X flags (heap, collector, ...) as JMH recorded them; its -D properties and paths left out. */
    static String jvmFlags(JmhRun run) {
        String flags = String.join(" ", run.jvmArgs().stream().filter(a -> a.startsWith("-X")).toList());
        return flags.isEmpty() ? null : flags;
    }

    private static String property(JmhRun run, String name) {
        return run.jvmArgs().stream().filter(a -> a.startsWith("-D" + name + "=")).map(a
                -> a.substring(name.length() + 3))
                .reduce((first, last) -> last).orElse(null);
    }

    /**
     * A metric per fork, averaged over the forks: summed over each fork's windows ({@code summed}:
     * compile time inside them), or the fork's one value, repeated in each window (its warm-up).
     */
    static Double perFork(JmhRun run, Metric metric, boolean summed) {
        List<double[]> forks = run.rawOf(metric.key());
        if (forks.isEmpty()) {
            return null;
        }
        return forks.stream().mapToDouble(f -> summed ? java.util.Arrays.stream(f).sum() : f.length == 0 ? 0 : f[0])
                .average().orElse(0);
    }

    /**
     * The JIT's compile time inside the measured windows over the client's CPU time in them (fork
     * and worker JVMs); null where either was not recorded. Compiler threads compile on a CPU, so
     * this is the part of the client's CPU share that is still warm-up.
     */
    static Double jitShareOfCpu(JmhRun run, int cores) {
        List<double[]> jit = run.rawOf(Metric.JIT_MS.key());
        List<double[]> share = run.rawOf(Metric.CPU_SHARE.key());
        List<double[]> wall = run.rawOf(Metric.WALL_S.key());
        if (jit.isEmpty() || share.size() != jit.size() || wall.size() != jit.size()) {
            return null;
        }
        double compiled = 0;
        double cpuMillis = 0;
        for (int f = 0; f < jit.size(); f++) {
            for (int i = 0; i < Math.min(jit.get(f).length, Math.min(share.get(f).length, wall.get(f).length)); i++) {
                compiled += jit.get(f)[i];
                cpuMillis += share.get(f)[i] * wall.get(f)[i] * cores * 1000;
            }
        }
        return cpuMillis <= 0 ? null : compiled / cpuMillis;
    }

    /**
     * A percentile of every measured task's latency, all forks merged, in milliseconds to 3
     * significant digits (HdrHistogram's precision); 100 is the maximum. Null without the run's
     * latency log: the per-window percentiles in the JSON cannot be merged into the row's.
     */
    static Double latencyMs(JmhRun run, double percentile) {
        return percentileMs(run.latency(), percentile);
    }

    private static Double percentileMs(org.HdrHistogram.Histogram nanos, double percentile) {
        if (nanos == null || nanos.getTotalCount() == 0) {
            return null;
        }
        return significant((percentile >= 100 ? nanos.getMaxValue() : nanos.getValueAtPercentile(percentile)) / 1e6, 3);
    }

    private static Long count(JmhRun run, Metric metric) {
        Double v = run.metric(metric);
        return v == null ? null : Math.round(v);
    }

    /** Rounds to {@code digits} significant digits: shares keep their precision when they are small. */
    static Double significant(Double value, int digits) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        return new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_EVEN)).doubleValue();
    }

    /** Rounded outwards, so a rounded interval still holds the rounded value. */
    static Double roundDown(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(value) ? Math.floor(value * scale) / scale : null;
    }

    static Double roundUp(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(value) ? Math.ceil(value * scale) / scale : null;
    }

    static Double round(Double value, int decimals) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
