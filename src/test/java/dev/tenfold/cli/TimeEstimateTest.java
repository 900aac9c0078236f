package dev.tenfold.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The estimate's warm-up per kind of row, as measured on the 2-core VM (docs/measurement.md, "Time"):
 * one fork of full is its start (3 s), two idle windows (0.3 s), the warm-up, and 10 samples of a
 * second (or a batch, if longer) plus their edges (0.3 s).
 */
class TimeEstimateTest {
    /** Seconds of the warm-up in one fork of the single full row that {@code include} picks, on {@code cores}. */
    private static double warmUp(String include, Map<String, List<String>> overrides, int cores) {
        List<PlanItem> items = new SuitePlan(Profile.FULL, overrides, cores).items(Pattern.compile(include));
        assertEquals(1, items.size(), include + ": " + items);
        PlanItem item = items.get(0);
        double fork = new TimeEstimate(Profile.FULL, JmhPassThrough.parse(List.of("-f", "1")), cores).seconds(item);
        return fork - (3 + 0.6 + 10 * (Math.max(1, item.minimumBatchSeconds()) + 0.3));
    }

    @Test
    void onTwoCoresEachKindOfRowWarmsUpAsLongAsItDidThere() {
        Map<String, List<String>> sha256 = Map.of("workload", List.of("sha256"));
        assertEquals(25, warmUp("^cpu/serial$", sha256, 2), 0.01, "CPU: 16-35 s");
        assertEquals(25, warmUp("^io/platform$", Map.of("concurrency", List.of("10")), 2), 0.01,
                "I/O at C=10: 18-27 s");
        int cap = Profile.FULL.warmupCapSeconds;
        assertEquals(Math.min(cap, 50), warmUp("^io/virtual$", Map.of("concurrency", List.of("1000")), 2), 0.01,
                "C=1000: 43-60 s");
        assertEquals(cap, warmUp("^mixed/pipeline$", Map.of(), 2), 0.01, "the image code's JIT: still compiling");
        assertEquals(cap, warmUp("^resilience/serial$", Map.of(), 2), 0.01, "5,000 calls at 20/s: out of reach");
        assertEquals(cap, warmUp("^io/process$", Map.of(), 2), 0.01, "each worker's share of HTTP calls: out of reach");
    }

    @Test
    void onManyCoresTheRuleEndsTheWarmUpSoonerButNotWhereItsShareIsOutOfReach() {
        Map<String, List<String>> sha256 = Map.of("workload", List.of("sha256"));
        assertTrue(warmUp("^cpu/serial$", sha256, 16) < warmUp("^cpu/serial$", sha256, 2));
        assertTrue(warmUp("^mixed/pipeline$", Map.of(), 16) < Profile.FULL.warmupCapSeconds, "JIT threads to spare");
        assertEquals(Profile.FULL.warmupCapSeconds, warmUp("^resilience/serial$", Map.of(), 16), 0.01);
    }
}
