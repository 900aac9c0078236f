package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.vocabulary.Variant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict's claims follow the intervals: 10x, "A beats B", steady state, no statistics, a busy machine. */
class VerdictTest {

    static ResultRow row(String variant, int c, double throughput, double error, double speedup, double low,
            double high) {
        ResultRow template = fixture();
        Map<String, Object> changes = new HashMap<>(Map.of("variant", variant, "concurrency", c, "throughput",
                throughput,
                "throughputError", error, "speedup", speedup, "speedupLow", low, "speedupHigh", high, "samples", 8,
                "steady", "yes", "bound", "littles-law"));
        return RowCopy.with(template, changes);
    }

    private static ResultRow fixture() {
        try {
            return ReportTest.fixtureRows(ReportTest.MACHINE).get(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * CPU work at any core count: 10x is asked where there are 10 cores; hyper-threads and a cgroup share are named.
     */
    @Test
    void theCpuClaimReadsRightAtAnyCoreCount() throws Exception {
        ResultRow template = ReportTest.fixtureRows(ReportTest.MACHINE).get(1);
        Map<String, Object> workstation = new HashMap<>(Map.of("family", "cpu", "workload", "sha256", "variant",
                "platform",
                "concurrency", 16, "usableCores", 16, "logicalCores", 32, "physicalCores", 16, "speedup", 14.8,
                "speedupLow", 14.5, "speedupHigh", 15.1));
        workstation.putAll(Map.of("idealSpeedup", 16.0, "efficiency", 0.925, "cpuPolicy",
                "cgroup cpu.max 16.00 cores"));
        String sixteen = Verdict.render(List.of(RowCopy.with(template, workstation)));
        assertTrue(sixteen.contains("== CPU work: does the right model make it ~10x faster? 16 usable cores =="),
                sixteen);
        assertTrue(sixteen.contains("sha256        16 cores: platform 14.80 [14.50, 15.10]x of 16 (93% of the ideal), "
                + "10x: yes"), sixteen);
        assertTrue(sixteen.contains("this run could use 16 of the machine's 32 logical cores (cgroup cpu.max 16.00 "
                + "cores)"), sixteen);
        assertFalse(sixteen.contains("hyper-threads"), "16 usable of 16 physical: no hyper-thread among them");

        Map<String, Object> laptop = new HashMap<>(workstation);
        laptop.putAll(Map.of("concurrency", 8, "usableCores", 8, "logicalCores", 8, "physicalCores", 4, "speedup", 5.2,
                "speedupLow", 5.0, "speedupHigh", 5.4, "idealSpeedup", 8.0, "efficiency", 0.65));
        String eight = Verdict.render(List.of(RowCopy.with(template, laptop)));
        assertTrue(eight.contains("not here: with 8 usable cores the ideal for CPU work is 8x, whatever the model"),
                eight);
        assertTrue(eight.contains("4 of the usable cores are hyper-threads (8 logical on 4 physical)")
                && eight.contains("near 50%"), eight);
        assertFalse(eight.contains("10x: yes") || eight.contains("could use"), eight);
    }

    /**
     * Without /proc (macOS) the load, stolen time and threads are empty cells: the verdict says so in one line, and
     * only then.
     */
    @Test
    void whatAMachineCouldNotMeasureIsNamedNotReadAsZero() throws Exception {
        List<ResultRow> measured = ReportTest.fixtureRows(ReportTest.MACHINE).stream()
                .map(r -> RowCopy.with(r, Map.of("loadStart", 0.1, "stealShare", 0.0, "threads", 30L))).toList();
        assertFalse(Verdict.render(measured).contains("Not measured on this machine"), Verdict.render(measured));
        Map<String, Object> hidden = new HashMap<>();
        hidden.put("loadStart", null);
        hidden.put("stealShare", null);
        hidden.put("threads", null);
        List<ResultRow> noProc = measured.stream().map(r -> RowCopy.with(r, hidden)).toList();
        String verdict = Verdict.render(noProc);
        assertEquals(1,
                verdict.lines().filter(l -> l.startsWith("Not measured on this machine (empty cells, not zeros): "
                + "the load average at start (no busy-machine check); CPU time stolen by a hypervisor (no "
                + "/proc/stat); OS threads")).count(),
                verdict);
        List<ResultRow> threadsOnly = measured.stream().map(r -> RowCopy.with(r, Map.of("threads", 30L))).toList();
        assertFalse(Verdict.render(threadsOnly).contains("OS threads"));
    }

    @Test
    void tenfoldOnlyWhenTheWholeIntervalIsAboveTen() {
        assertEquals("yes", Verdict.tenfold(row("async", 10, 200, 1, 10.2, 10.05, 10.4)));
        assertEquals("inconclusive", Verdict.tenfold(row("async", 10, 197, 3, 9.93, 9.6, 10.3)));
        assertEquals("no", Verdict.tenfold(row("async", 10, 188, 1, 9.42, 9.3, 9.55)));
        ResultRow backend = RowCopy.with(row("async", 10, 200, 1, 10.2, 10.05, 10.4), Map.of("bound", "backend"));
        assertTrue(Verdict.tenfold(backend).startsWith("not a client result"));
    }

    @Test
    void theVerdictSaysInconclusiveAndIndistinguishable() {
        ResultRow serial = row("serial", 1, 20, 0.1, 1, 0.99, 1.01);
        ResultRow async = row("async", 10, 197, 3, 9.93, 9.6, 10.3);
        ResultRow virtual = row("virtual", 10, 195, 3, 9.8, 9.5, 10.1);
        ResultRow platform = row("platform", 10, 150, 2, 7.5, 7.3, 7.7);
        String verdict = Verdict.render(List.of(serial, async, virtual, platform));
        assertTrue(verdict.contains("C=10 async (indistinguishable from virtual) 9.9x of 100 (littles-law), 10x: "
                + "inconclusive"), verdict);
        assertTrue(verdict.contains("async         10x inconclusive (interval holds 10) at C=10"), verdict);
        assertTrue(verdict.contains("platform      never reaches 10x here"), verdict);
        assertTrue(Verdict.beats(async, platform));
        assertFalse(Verdict.beats(async, virtual));
        assertTrue(verdict.contains("every row steady"), verdict);
    }

    @Test
    void theCostOfPlatformThreadsIsShownAtTheHighestCBothRan() {
        ResultRow serial = row("serial", 1, 20, 0.1, 1, 0.99, 1.01);
        ResultRow platform10 = RowCopy.with(row("platform", 10, 150, 2, 7.5, 7.3, 7.7),
                Map.of("rssMb", 100.0, "threads", 40L));
        ResultRow platform = RowCopy.with(row("platform", 100, 1500, 20, 75, 73, 77),
                Map.of("rssMb", 251.0, "threads", 131L));
        ResultRow virtual = RowCopy.with(row("virtual", 100, 1500, 20, 75, 73, 77),
                Map.of("rssMb", 230.0, "threads", 33L));
        ResultRow async = RowCopy.with(row("async", 1000, 9000, 90, 450, 440, 460),
                Map.of("rssMb", 300.0, "threads", 30L));
        String verdict = Verdict.render(List.of(serial, platform10, platform, virtual, async));
        assertTrue(verdict.contains("memory at C=100 (peak PSS of the client, peak OS threads): platform 251 MiB, 131 "
                + "threads; virtual 230 MiB, 33 threads"), verdict);
    }

    @Test
    void unsteadyRowsAndBusyMachinesAreSaidAndSmokeHasNoStatistics() {
        ResultRow drifting = RowCopy.with(row("async", 10, 197, 3, 9.93, 9.6, 10.3),
                Map.of("steady", "no", "drift", 0.23));
        ResultRow busy = RowCopy.with(row("serial", 1, 20, 0.1, 1, 0.99, 1.01), Map.of("loadStart", 0.9));
        String verdict = Verdict.render(List.of(busy, drifting));
        assertTrue(verdict.contains("NOT STEADY: across the window tasks/s drift 23%"), verdict);
        assertTrue(verdict.contains("1 row(s) NOT STEADY"), verdict);
        assertTrue(verdict.contains("WARNING: busy machine: load 0.90 per usable core"), verdict);

        ResultRow single = RowCopy.with(row("serial", 1, 20, 0.1, 1, 0.99, 1.01),
                Map.of("samples", 1, "profile", "smoke", "throughputError", 0.0));
        assertTrue(Verdict.render(List.of(single)).contains("Statistics: none (1 sample per row, smoke)"));
    }

    @Test
    void theCrossCheckPairsEachPlainLoopWithItsModelAndSaysWhenTheBestDiffers() {
        ResultRow virtual = row("virtual", 1000, 5500, 300, 300, 280, 320);
        ResultRow async = row("async", 1000, 9000, 500, 480, 450, 510);
        Map<Variant, double[]> plain = new java.util.LinkedHashMap<>();
        plain.put(Variant.VIRTUAL, new double[] {6000, 6100, 5900, 6050});
        plain.put(Variant.ASYNC, new double[] {8800, 9100, 8900, 9050});
        String text = CrossCheck.render(List.of(virtual, async), 1000, plain, 2.0,
                Map.of(Variant.VIRTUAL, 0L, Variant.ASYNC, 0L));
        assertTrue(text.contains("plain virtual   6025 requests/s"), text);
        assertTrue(text.contains("suite's virtual row 5500.0 ± 300.0 = 0.91x"), text);
        assertTrue(text.contains("suite's async row 9000.0 ± 500.0 = 1.00x"), text);
        assertTrue(text.contains("suite's best at C=1000 (async) against the best plain loop: 1.00x, within 10%"),
                text);
        assertFalse(text.contains("NOT STEADY"), text);
        ResultRow drifting = RowCopy.with(async, Map.of("steady", "no"));
        assertTrue(CrossCheck.render(List.of(virtual, drifting), 1000, plain, 2.0, Map.of())
                .contains("but the suite's async at C=1000 is NOT STEADY"),
                "an agreement of moving targets is said to be one");
        plain.put(Variant.ASYNC, new double[] {6000, 6000, 6000, 6000});
        assertTrue(CrossCheck.render(List.of(virtual, async), 1000, plain, 2.0,
                Map.of()).contains("DIFFERS by more than 10%"));
    }

    /** A silent retry inside the HTTP client shows as the backend answering more requests than the client sent. */
    @Test
    void aBackendCountOffByMoreThanThreePercentIsNamed() {
        ResultRow row = RowCopy.with(row("virtual", 20, 700, 10, 40, 39, 41),
                Map.of("attempted", 3400L, "retries", 0L, "backendRequests", 3640L, "samples", 6));
        assertEquals(3400L, row.requestsSent());
        assertTrue(row.backendCountDiffers());
        assertTrue(VerdictText.notes(row).contains("the backend answered 3640 requests for 3400 sent"),
                VerdictText.notes(row));
        ResultRow edges = RowCopy.with(row, Map.of("retries", 200L, "backendRequests", 3533L));
        assertFalse(edges.backendCountDiffers(), "3533 answered for 3600 sent: -1.9%");
        ResultRow noBackend = RowCopy.with(row, Map.of("backendRequests", 0L));
        assertFalse(noBackend.backendCountDiffers(), "a family that sends no request");
    }

    /** The hand-off claim carries the ranges of both figures and names a row that is still moving. */
    @Test
    void theHandOffRatioHasItsRangeAndAnUnsteadyRowIsNamed() {
        Map<String, Object> common = Map.of("family", "cpu", "variant", "process", "workers", 2, "concurrency", 2);
        ResultRow pipe = RowCopy.with(RowCopy.with(row("process", 2, 9.7, 8.4, 1, 1, 1), common),
                Map.of("workload", "handoff-pipe", "steady", "no", "speedup", Double.NaN));
        ResultRow mmap = RowCopy.with(RowCopy.with(row("process", 2, 198.2, 42.0, 1, 1, 1), common),
                Map.of("workload", "handoff-mmap", "speedup", Double.NaN));
        String verdict = Verdict.render(List.of(pipe, mmap));
        // 2000 ms / (9.7 +- 8.4) against 2000 ms / (198.2 +- 42.0)
        assertTrue(verdict.contains("206.2 [110.5, 1538.5] ms per task"), verdict);
        assertTrue(verdict.contains("20.4x the time of the shared mapping (99% interval 10.6x to 124.7x)"), verdict);
        assertTrue(verdict.contains("handoff-pipe is NOT STEADY"), verdict);
        assertFalse(verdict.contains("raw pipe"), "no measured pipe, no split\n" + verdict);
        // 206.2 - 10.1 = 196.1 ms of hand-off, 40 ms of it the raw copy of the input
        String split = Verdict.render(List.of(RowCopy.with(pipe, Map.of("pipeCopyMs", 40.0)), mmap));
        assertTrue(split.contains("of those 196.1 ms, copying the input through the pipe takes 40.0 ms"), split);
        assertTrue(split.contains("the other 156.1 ms are not measured apart"), split);
    }

    /**
     * A speedup whose whole interval lies above its ideal says why: the baseline's tasks took longer, not the model
     * past its bound.
     */
    @Test
    void aRowAboveItsIdealNamesTheBaseline() {
        // serial 17/s (58.8 ms a task); C=10 at 183.6/s is 54.5 ms a task on each of 10 lanes
        ResultRow above = RowCopy.with(row("platform", 10, 183.6, 5.9, 10.8, 10.36, 11.22),
                Map.of("idealSpeedup", 10.0));
        assertTrue(VerdictText.notes(above).contains("ABOVE ITS IDEAL: serial took 58.8 ms per task, this row 54.5 ms "
                + "on each of its 10 lanes"),
                VerdictText.notes(above));
        assertFalse(VerdictText.notes(RowCopy.with(above, Map.of("speedupLow", 9.9))).contains("ABOVE"),
                "an interval that holds the ideal");
        String mixed = VerdictText.notes(RowCopy.with(above, Map.of("family", "mixed")));
        assertTrue(mixed.contains("faster than its slower stage measured alone") && !mixed.contains("lanes"),
                "a mixed row's ideal is a ratio of rates, not a count of lanes: " + mixed);
    }

    /**
     * The article's "concurrency 10-100 is enough": NO only where more in flight is faster beyond noise,
     * else it holds; judged on the best model at each C, with the gain as the ratio of the two.
     */
    @Test
    void theArticlesConcurrencyAdviceFallsOnlyWhereMoreInFlightIsFasterBeyondNoise() {
        ResultRow c100 = row("platform", 100, 1900.0, 20.0, 95.0, 94.0, 96.0);
        ResultRow c1000 = row("virtual", 1000, 7600.0, 40.0, 380.0, 378.0, 382.0);
        String faster = Verdict.render(List.of(c100, c1000));
        assertTrue(faster.contains("  article's \"concurrency 10-100 is enough\": NO here: C=1000 (virtual) gives"
                + " 4.0x the throughput of C=100 (platform)"), faster);
        ResultRow same = row("virtual", 1000, 1910.0, 60.0, 95.5, 92.0, 99.0);
        String level = Verdict.render(List.of(c100, same));
        assertTrue(level.contains("  article's \"concurrency 10-100 is enough\": holds here: C=1000 (virtual) gives"
                + " 1.0x the throughput of C=100 (platform)"), level);
        assertFalse(Verdict.render(List.of(c100)).contains("10-100 is enough"), "nothing past C=100: no claim");
    }

    /** The article's headline: its serial run of 120 requests of 1 s against the best model at C=10. */
    @Test
    void theArticlesCaseIsToldInSeconds() {
        Map<String, Object> article = Map.of("latencyMs", 1000, "tasks", 120);
        ResultRow serial = RowCopy.with(RowCopy.with(row("serial", 1, 120 / 121.0, 0, 1, 1, 1), article),
                Map.of("samples", 1));
        ResultRow virtual = RowCopy.with(row("virtual", 10, 10.0, 0.05, 10.08, 10.0, 10.2), article);
        ResultRow async = RowCopy.with(row("async", 10, 9.9, 0.05, 9.98, 9.9, 10.1), article);
        String verdict = Verdict.render(List.of(serial, virtual, async));
        assertTrue(verdict.contains("serial         121.0 s (1 sample"), verdict);
        assertTrue(verdict.contains("C=10 virtual    12.0 s ± 0.1 over 8 samples, 10.08x serial"), verdict);
        assertTrue(verdict.contains("2 min -> 12 s: serial 121.0 s, C=10 12.0 s (10.08x, virtual)"), verdict);
        assertTrue(verdict.contains("over >= 8 samples"),
                "the one-sample serial run does not make the run 'no statistics'\n" + verdict);
    }

    @Test
    void aRowWithCompileTimeInItsWindowsSaysSoAndItsCpuShareWithoutIt() {
        ResultRow r = RowCopy.with(row("platform", 10, 190, 4, 10, 9.9, 10.2),
                Map.of("cpuShare", 0.05, "jitCpuShare", 0.5, "jitMs", 157.0));
        assertTrue(VerdictText.notes(r).contains("JIT STILL COMPILING: 50% of the client's CPU in the windows was "
                + "compile time (157 ms per fork); cpu without it 2.5%"), VerdictText.notes(r));
    }
}
