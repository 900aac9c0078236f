package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Language;
import dev.tenfold.vocabulary.Variant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows built from hand-made JMH runs: the serial baseline, rounding, the backend flag. */
class RowsTest {
    static final RunContext EIGHT_CORES = new RunContext("r", "2026-11-23T12:00:00Z", "box", "Linux", "CPU", 4, 8, 16,
            "Temurin 25", "quick", 8, 0.1, "cgroup cpu.max unlimited");

    static JmhRun run(String family, String variant, Map<String, String> params, double score, Map<String,
            Double> secondary) {
        return new JmhRun(Language.JAVA, Family.of(family), Variant.of(variant), params, score, Double.NaN, secondary,
                Map.of(), List.of(), null, null);
    }

    static Map<String, Double> metrics(double cpuShare, long attempted, long errors, double backendLatencyMs) {
        Map<String, Double> m = new HashMap<>();
        m.put("tenfold.cpu_share", cpuShare);
        m.put("tenfold.backend_cpu_share", 0.01);
        m.put("tenfold.attempted", (double) attempted);
        m.put("tenfold.succeeded", (double) (attempted - errors));
        m.put("tenfold.errors", (double) errors);
        m.put("tenfold.retries", 0.0);
        m.put("tenfold.latency_ms", backendLatencyMs + 2);
        m.put("tenfold.backend_latency_ms", backendLatencyMs);
        return m;
    }

    static Map<String, String> io(int c, int tasks) {
        return Map.of("concurrency", String.valueOf(c), "latencyMs", "50", "tasks", String.valueOf(tasks));
    }

    /**
     * speedup_low and speedup_high are rounded outwards to 3 decimals, so the rounded interval still
     * holds what the unrounded one held: the verdict compares them with 10.
     */
    @Test
    void aSpeedupIntervalIsRoundedOutwards() {
        assertEquals(1.234, Rows.roundDown(1.23456, 3), 1e-12);
        assertEquals(1.235, Rows.roundUp(1.23411, 3), 1e-12);
        assertEquals(9.999, Rows.roundDown(9.99999, 3), 1e-12, "a low end below 10 stays below it");
        assertEquals(10.0, Rows.roundUp(9.99901, 3), 1e-12,
                "a high end just under 10 rounds up to it: the verdict errs towards inconclusive, never towards no");
        assertEquals(2.0, Rows.roundDown(2.0, 3), 1e-12, "a round value stays");
        assertEquals(null, Rows.roundUp(Double.POSITIVE_INFINITY, 3), "an unbounded end is empty, not a number");
    }

    @Test
    void serialBaselineNeedNotMatchTheBatchButPrefersOneThatDoes() {
        List<ResultRow> rows = Rows.fromRuns(List.of(
                run("io", "serial", io(1, 100), 0.2, metrics(0.01, 100, 0, 50)),    // 20 tasks/s
                run("io", "serial", io(1, 1000), 0.019, metrics(0.01, 1000, 0, 50)), // 19 tasks/s
                run("io", "virtual", io(100, 1000), 1.9, metrics(0.1, 1000, 0, 50)), // 1900 tasks/s
                run("io", "virtual", io(100, 5000), 0.4, metrics(0.1, 5000, 0, 50))  // 2000 tasks/s, no serial of 5000
        ), EIGHT_CORES);
        assertEquals(100.0, rows.get(2).speedup(), 1e-9, "against the serial run of the same batch size (19/s)");
        assertEquals(100.0, rows.get(3).speedup(), 1e-9, "against the first serial run of the family (20/s)");
    }

    /**
     * The Python recipe's rows compare with Python's serial run, never with Java's: same runtime, family and workload.
     */
    @Test
    void pythonRowsHaveTheirOwnBaseline() throws Exception {
        java.nio.file.Path json = java.nio.file.Files.createTempFile("python-runs", ".json");
        try {
            java.nio.file.Files.writeString(json, "[" + String.join(",",
                    jmhJson("dev.tenfold.bench.IoBenchmark.serial", 1, 0.5),          // Java: 20 tasks/s (40 per batch)
                    jmhJson("dev.tenfold.bench.PythonIoBenchmark.serial", 1, 0.25),   // Python: 10 tasks/s
                    jmhJson("dev.tenfold.bench.PythonIoBenchmark.asyncio", 10, 2.5)) + "]"); // Python: 100 tasks/s
            List<ResultRow> rows = Rows.fromJmhJson(json, EIGHT_CORES);
            assertEquals(List.of("java", "python", "python"), rows.stream().map(r -> r.runtime().toString()).toList());
            assertEquals(List.of("io", "io", "io"), rows.stream().map(r -> r.family().toString()).toList());
            assertEquals(Variant.ASYNCIO, rows.get(2).variant());
            assertEquals(10.0, rows.get(2).speedup(), 1e-9, "against Python's serial (10/s), not Java's (20/s)");
        } finally {
            java.nio.file.Files.delete(json);
        }
    }

    /** A JMH JSON entry of a batch of 40 tasks at {@code batchesPerSecond}, without the profiler. */
    private static String jmhJson(String benchmark, int concurrency, double batchesPerSecond) {
        return
                String.format(java.util.Locale.ROOT,
                "{\"benchmark\":\"%s\",\"params\":{\"concurrency\":\"%d\",\"latencyMs\":\"50\","
                + "\"tasks\":\"40\",\"workers\":\"1\"},"
                + "\"primaryMetric\":{\"score\":%s,\"scoreError\":\"NaN\",\"rawData\":[[%s]]},"
                + "\"secondaryMetrics\":{}}", benchmark, concurrency, batchesPerSecond, batchesPerSecond);
    }

    static Map<String, String> resilience(int c, String endpoint, String policy) {
        return Map.of("concurrency", String.valueOf(c), "latencyMs", "50", "tasks", "1000", "endpoint", endpoint,
                "policy", policy, "limit", "50");
    }

    @Test
    void resilienceRowsNamePolicyUseTheEndpointsSerialAndTheServersLimit() {
        Map<String, Double> rejected = metrics(0.1, 1000, 0, 40);
        rejected.put("tenfold.http_429", 300.0);
        List<ResultRow> rows = Rows.fromRuns(List.of(
                run("resilience", "serial", resilience(1, "limited", "no-retry"), 0.02, metrics(0.01, 1000, 0, 50)),
                // 20/s
                run("resilience", "virtual", resilience(500, "limited", "retry"), 0.5, rejected),
                        // 500/s
                run("resilience", "virtual", resilience(50, "flaky", "retry"), 0.5, metrics(0.1, 1000, 0, 50))
        ), EIGHT_CORES);
        ResultRow retry = rows.get(1);
        assertEquals("limited-retry", retry.workload());
        assertEquals(25.0, retry.speedup(), 1e-9, "against serial on the same endpoint, whatever its policy");
        assertEquals(50.0, retry.idealSpeedup(), "Little's law with at most K=50 admitted, not C=500");
        assertEquals(0.5, retry.efficiency(), 1e-9);
        assertEquals(300L, retry.http429());
        assertEquals(50, retry.serverLimit());
        ResultRow flaky = rows.get(2);
        assertNull(flaky.speedup(), "no serial run on the flaky endpoint");
        assertNull(flaky.serverLimit());
        assertEquals(50.0, flaky.idealSpeedup());
    }

    static Map<String, String> mixed(int c, int workers, int tasks) {
        return Map.of("concurrency", String.valueOf(c), "workers", String.valueOf(workers), "latencyMs", "50",
                "tasks", String.valueOf(tasks));
    }

    @Test
    void mixedCombinationsAreBoundByTheSlowerStageMeasuredAlone() {
        List<ResultRow> rows = Rows.fromRuns(List.of(
                run("mixed", "serial", mixed(1, 1, 40), 0.4, metrics(0.1, 40, 0, 50)),        // 16/s
                run("mixed", "io-stage", mixed(10, 2, 200), 0.8, metrics(0.2, 200, 0, 50)),   // 160/s
                run("mixed", "cpu-stage", mixed(2, 2, 200), 1.6, metrics(0.99, 200, 0, 50)),  // 320/s
                run("mixed", "pipeline", mixed(10, 2, 200), 0.76, metrics(0.3, 200, 0, 50)),  // 152/s
                run("mixed", "pipeline", mixed(10, 4, 200), 0.76, metrics(0.3, 200, 0, 50))   // no cpu-stage at 4
        ), EIGHT_CORES);
        ResultRow pipeline = rows.get(3);
        assertEquals(10.0, pipeline.idealSpeedup(), 1e-9, "the I/O stage alone: 160/s over serial's 16/s");
        assertEquals(0.95, pipeline.efficiency(), 1e-9);
        assertEquals("littles-law", pipeline.bound(), "the slower stage is the I/O one");
        assertEquals(2, pipeline.workers());
        assertNull(rows.get(1).speedup(), "a stage alone is not the whole task: no speedup");
        assertNull(rows.get(2).efficiency());
        assertEquals(2.0, rows.get(2).idealSpeedup(), "the CPU stage alone: min(threads, cores)");
        assertEquals(10.0, rows.get(4).idealSpeedup(), 1e-9, "without its CPU stage run: Little's law min(C, tasks)");
    }

    @Test
    void noSerialRunLeavesSpeedupAndEfficiencyEmpty() {
        ResultRow row = Rows.fromRuns(List.of(run("io", "virtual", io(100, 1000), 1.9, metrics(0.1, 1000, 0, 50))),
                EIGHT_CORES).get(0);
        assertNull(row.speedup());
        assertNull(row.efficiency());
        assertNull(row.rooflineSpeedup());
        assertEquals(100.0, row.idealSpeedup());
        assertEquals("io", row.workload(), "a missing workload parameter is the family's name");
    }

    @Test
    void sharesKeepFourSignificantDigitsAndTheArticleRuleAgreesWithThePrintedShare() {
        List<ResultRow> rows = Rows.fromRuns(List.of(
                run("io", "serial", io(1, 100), 0.2, metrics(0.000123456, 100, 0, 50)),
                run("io", "virtual", io(100, 1000), 1.9, metrics(0.299996, 1000, 0, 50))), EIGHT_CORES);
        assertEquals(0.0001235, rows.get(0).cpuShare());
        assertEquals(0.3, rows.get(1).cpuShare());
        assertEquals("cpu-bound", rows.get(1).articleRule(), "0.299996 prints as 0.3: the rule must agree");
    }

    @Test
    void serialCpuWorkOnEightCoresFoolsTheArticleButNotTheClassification() {
        Map<String, String> p = Map.of("concurrency", "1", "tasks", "16", "workload", "sha256");
        ResultRow serial = Rows.fromRuns(List.of(run("cpu", "serial", p, 1.0, metrics(0.125, 16, 0, 0))),
                EIGHT_CORES).get(0);
        assertEquals("io-bound", serial.articleRule());
        assertEquals("cpu-bound", serial.classification());
        assertEquals(1.0, serial.busyCores(), 1e-9);
        assertEquals("sha256", serial.workload());
    }

    @Test
    void aSlowBackendIsFlaggedAsNotAClientResult() {
        List<ResultRow> rows = Rows.fromRuns(List.of(
                run("io", "serial", io(1, 100), 0.2, metrics(0.01, 100, 0, 50)),
                run("io", "virtual", io(1000, 10000), 0.15, metrics(0.2, 10000, 3, 90))), EIGHT_CORES);
        ResultRow slow = rows.get(1);
        assertEquals("backend", slow.bound());
        String verdict = Verdict.render(rows);
        assertTrue(verdict.contains("not a client result"), verdict);
        assertTrue(verdict.contains("ERRORS: 3 of 10000"), verdict);
        assertTrue(verdict.contains("never reaches 10x"), "a backend-limited figure does not count as 10x\n" + verdict);
        assertTrue(verdict.contains("10x: not a client result (backend-limited)"),
                "the best-per-C line agrees with the per-model line\n" + verdict);
    }

    @Test
    void samplesCountEveryMeasuredIterationOfEveryForkWhileTheIntervalComesFromTheForks() {
        double[] wall = {1, 1, 1, 1};
        Map<String, List<double[]>> raw = Map.of("tenfold.succeeded",
                List.of(new double[] {100, 101, 99, 100}, new double[] {110, 111, 109, 110},
                new double[] {90, 91, 89, 90}),
                "tenfold.wall_s", List.of(wall, wall, wall));
        JmhRun run = new JmhRun(Language.JAVA, Family.IO, Variant.PLATFORM, io(10, 100), Double.NaN, Double.NaN,
                metrics(0.1, 1200, 0, 50), raw, List.of(), null, null);
        ResultRow row = Rows.fromRuns(List.of(run), EIGHT_CORES).get(0);
        assertEquals(12, row.samples(), "3 forks x 4 iterations");
        assertEquals(3, row.forks());
        assertEquals(3, row.estimate().n(), "the interval's units are the forks");
    }

    /** A run whose profiler recorded these succeeded tasks and wall seconds per measured iteration (one fork). */
    static JmhRun measuredRun(String variant, Map<String, String> params, double[] succeeded, double[] wall,
            double[] cpuShare) {
        Map<String, List<double[]>> raw = Map.of("tenfold.succeeded", List.of(succeeded), "tenfold.wall_s",
                List.of(wall),
                "tenfold.cpu_share", List.of(cpuShare));
        double tasks = java.util.Arrays.stream(succeeded).sum();
        Map<String, Double> secondary = metrics(java.util.Arrays.stream(cpuShare).average().orElse(0), (long) tasks, 0,
                50);
        return new JmhRun(Language.JAVA, Family.IO, Variant.of(variant), params, Double.NaN, Double.NaN, secondary, raw,
                List.of(), null, null);
    }

    /** A bare JMH run (no profiler) still has tasks/s from JMH itself: BatchBenchmark's aux counter. */
    @Test
    void withoutTheProfilerTheThroughputIsJmhsOwnCountOfTasks() {
        JmhRun bare = new JmhRun(Language.JAVA, Family.IO, Variant.VIRTUAL, io(10, 100), 1.7, 0.1, Map.of(),
                Map.of(JmhRun.PRIMARY, List.of(new double[] {1.68, 1.70, 1.72}),
                        Measured.TASKS_PER_SECOND, List.of(new double[] {168, 170, 172})), List.of(), null, null);
        ResultRow row = Rows.fromRuns(List.of(bare), EIGHT_CORES).get(0);
        assertEquals(170.0, row.throughput(), 1e-9);
        assertEquals(3, row.samples());
        assertNull(row.cpuShare(), "no profiler, no CPU");
    }

    @Test
    void statisticsComeFromTheMeasuredIterations() {
        double[] flat = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
        List<ResultRow> rows = Rows.fromRuns(List.of(
                measuredRun("serial", io(1, 10), new double[] {10, 10, 9, 10, 10, 10, 10, 9},
                        new double[] {0.52, 0.51, 0.53, 0.52, 0.51, 0.52, 0.53, 0.5}, flat),
                measuredRun("virtual", io(10, 100), new double[] {100, 100, 100, 100, 100, 100, 100, 100},
                        new double[] {0.54, 0.55, 0.53, 0.54, 0.56, 0.54, 0.55, 0.53}, flat),
                measuredRun("async", io(100, 1000), new double[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000},
                        new double[] {1.0, 0.9, 0.8, 0.7, 0.65, 0.6, 0.58, 0.55}, flat),
                measuredRun("platform", io(10, 100), new double[] {100, 100, 100, 100, 100, 100, 100, 100},
                        flat, new double[] {0.2, 0.05, 0.05, 0.2, 0.05, 0.05, 0.05, 0.05})), EIGHT_CORES);
        ResultRow serial = rows.get(0);
        assertEquals(8, serial.samples());
        assertEquals(78 / 4.14, serial.throughput(), 0.01, "summed tasks over summed time");
        ResultRow virtual = rows.get(1);
        assertTrue(virtual.throughputError() > 0 && virtual.throughputError() < 0.05 * virtual.throughput(),
                virtual.toString());
        assertTrue(virtual.speedupLow() < virtual.speedup() && virtual.speedup() < virtual.speedupHigh(),
                virtual.toString());
        assertEquals("yes", virtual.steady());
        assertEquals(8, virtual.usableCores());
        assertEquals(Language.JAVA, virtual.runtime());
        ResultRow warming = rows.get(2);
        assertEquals("no", warming.steady(), "1000 tasks in 1.0 s, then in 0.55 s: still warming up");
        assertTrue(warming.drift() > 0.3, warming.toString());
        assertTrue(warming.cpuDrift() < -0.3, "the same CPU share over shorter windows: less CPU per task");
        assertEquals(0.0, virtual.cpuSettling(), 0.03, "a flat CPU share has settled");
        ResultRow compiling = rows.get(3);
        // the JIT's bursts in two windows of the first half: no straight line through them is significant
        assertTrue(Math.abs(compiling.cpuDrift()) > 0.1, compiling.toString());
        assertEquals(0.0875 / 0.05 - 1, compiling.cpuSettling(), 1e-4, "all samples against the second half");
        assertEquals("no", compiling.steady(), "its CPU share is still settling");
    }
}
