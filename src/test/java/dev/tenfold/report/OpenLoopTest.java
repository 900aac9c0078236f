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
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** An open-loop row: its rate, its queue, the overloaded rule, the bound, and the verdict's knee. */
class OpenLoopTest {

    /**
     * platform C=10 at L=50 ms offered {@code rate}/s; 2 forks of 3 one-second windows with these tasks waiting at
     * their ends.
     */
    private static JmhRun run(int rate, double achieved, double[] waitingFork1, double[] waitingFork2,
            long... latencyMs) {
        return run(Variant.PLATFORM, rate, achieved, waitingFork1, waitingFork2, latencyMs);
    }

    /** {@code variant} C=10 at L=50 ms offered {@code rate}/s, as above. */
    static JmhRun run(Variant variant, int rate, double achieved, double[] waitingFork1, double[] waitingFork2,
            long... latencyMs) {
        Map<String, String> params = Map.of("concurrency", "10", "latencyMs", "50", "tasks", String.valueOf(rate / 10),
                "rate",
                String.valueOf(rate), "sloMs", "0");
        double[] wall = {1, 1, 1};
        double[] succeeded = {achieved, achieved, achieved};
        Map<String, List<double[]>> raw = Map.of("tenfold.waiting", List.of(waitingFork1, waitingFork2),
                "tenfold.wall_s", List.of(wall, wall), "tenfold.succeeded", List.of(succeeded, succeeded),
                "tenfold.cpu_share", List.of(new double[] {0.1, 0.1, 0.1}, new double[] {0.1, 0.1, 0.1}));
        Map<String, Double> secondary = new HashMap<>(RowsTest.metrics(0.1, (long) (6 * achieved), 0, 50));
        Histogram latency = new Histogram(3);
        for (long ms : latencyMs) {
            latency.recordValue(ms * 1_000_000);
        }
        return new JmhRun(Language.JAVA, Family.IO, variant, params, Double.NaN, Double.NaN, secondary, raw, List.of(),
                latency, null);
    }

    @Test
    void aModelThatKeepsUpIsNotOverloadedAndHasNoSpeedupNorBound() {
        ResultRow row = Rows.fromRuns(List.of(run(100, 100, new double[] {5, 6, 5}, new double[] {4, 5, 6}, 51, 52,
                60)),
                RowsTest.EIGHT_CORES).get(0);
        assertEquals("open-loop", row.workload());
        assertEquals(100.0, row.offeredRate());
        assertEquals(100.0, row.achievedRate(), 1e-9);
        assertEquals("no", row.overloaded());
        assertEquals(100, row.sloMs(), "2 x L when sloMs is 0");
        assertEquals(5.5, row.waiting(), 1e-9, "mean over forks of the last window's count");
        assertNull(row.speedup(), "an offered rate is no speedup");
        assertNull(row.idealSpeedup());
        assertNull(row.bound(), "the offered rate, not a bound, sets its throughput");
    }

    @Test
    void aQueueThatGrowsWithTheWindowsIsOverloadedAndLittlesLawIsItsBound() {
        // 300/s offered, 200/s done: 100 more wait after every second
        ResultRow row = Rows.fromRuns(List.of(run(300, 200, new double[] {110, 210, 310}, new double[] {120, 220, 320},
                60, 900, 1500)),
                RowsTest.EIGHT_CORES).get(0);
        assertEquals("yes", row.overloaded());
        assertEquals("littles-law", row.bound(), "it completes C / L = 200/s");
        String verdict = Verdict.render(List.of(row));
        assertTrue(verdict.contains("at 300/s OVERLOADED (queue grows, p99 over the SLO): completes 200/s"), verdict);
    }

    @Test
    void aSteadyQueueWithSlowTasksIsOverloadedByTheSlo() {
        OpenLoop open = OpenLoop.of(run(190, 190, new double[] {10, 9, 10}, new double[] {10, 10, 9}), 180.0);
        assertEquals("yes", open.overloaded());
        assertEquals("p99 over the SLO", open.why());
        assertEquals(0.0, open.growth(), 1.0, "a handful either way: no growth");
    }

    @Test
    void theKneeIsTheHighestRateWithinTheSloAndWhatLittlesLawSaysItNeeds() {
        List<ResultRow> rows = Rows.fromRuns(List.of(
                run(100, 100, new double[] {5, 5, 5}, new double[] {5, 5, 5}, 51, 55),
                run(190, 190, new double[] {10, 9, 10}, new double[] {9, 10, 10}, 52, 80),
                run(300, 200, new double[] {110, 210, 310}, new double[] {110, 210, 310}, 60, 2000)),
                RowsTest.EIGHT_CORES);
        String knee = OpenLoopVerdict.knee(rows, 50);
        assertTrue(knee.startsWith("sustains 190/s within the SLO (p99 80.0 ms; Little's law: 190/s x 50 ms = 9.5 in "
                + "flight, of its 10;"
                + " capacity C / L = 200/s); at 300/s OVERLOADED"), knee);
    }

    /** Worker JVMs hold one task each: their capacity is W / L, whatever -p concurrency says. */
    @Test
    void aWorkerPoolsCapacityIsItsWorkers() {
        ResultRow row = Rows.fromRuns(List.of(run(Variant.PROCESS, 40, 40, new double[] {2, 2, 2},
                new double[] {2, 2, 2}, 51, 55)),
                RowsTest.EIGHT_CORES).get(0);
        String knee = OpenLoopVerdict.knee(List.of(RowCopy.with(row, Map.of("workers", 4))), 50);
        assertTrue(knee.contains("= 2.0 in flight, of its 4; capacity C / L = 80/s"), knee);
    }
}
