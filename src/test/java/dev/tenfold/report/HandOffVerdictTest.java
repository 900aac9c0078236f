package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hand-off section's branches that the verdict's own test leaves out: a copy that explains the
 * whole difference, one sample (no interval), and a pipe whose interval reaches 0 tasks/s.
 */
class HandOffVerdictTest {

    private static ResultRow row(String transport, double throughput, Double error) {
        Map<String, Object> common = Map.of("family", "cpu", "variant", "process", "workers", 2, "concurrency", 2,
                "workload", "handoff-" + transport, "speedup", Double.NaN);
        ResultRow r = RowCopy.with(VerdictTest.row("process", 2, throughput, 1, 1, 1, 1), common);
        return RowCopy.with(r, new java.util.HashMap<>(java.util.Collections.singletonMap("throughputError", error)));
    }

    private static String section(ResultRow pipe, ResultRow mmap) {
        StringBuilder out = new StringBuilder();
        HandOffVerdict.handOff(out, List.of(pipe, mmap));
        return out.toString();
    }

    @Test
    void aCopyAsLongAsTheWholeDifferenceAccountsForAllOfIt() {
        // 2000 ms / 10 = 200 ms a task against 2000 ms / 100 = 20 ms: 180 ms of hand-off, the raw copy 185 ms
        ResultRow pipe = RowCopy.with(row("pipe", 10, 0.5), Map.of("pipeCopyMs", 185.0));
        String out = section(pipe, row("mmap", 100, 2.0));
        assertTrue(out.contains("the hand-off through the pipe costs 180.0 ms per task, 10.0x the time of the shared"
                + " mapping"), out);
        assertTrue(out.contains("copying the input through the pipe alone takes 185.0 ms (the raw pipe, measured in"
                + " the same trial with large buffers): the copy accounts for all of it"), out);
    }

    @Test
    void oneSampleHasNoIntervalAndAPipeThatMayReachZeroHasNoUpperBound() {
        assertEquals("no interval: one sample", HandOffVerdict.timeRatioInterval(row("pipe", 10, null),
                row("mmap", 100, 2.0)));
        assertEquals("no upper bound at 99%: the pipe's interval reaches 0 tasks/s",
                HandOffVerdict.timeRatioInterval(row("pipe", 10, 12.0), row("mmap", 100, 2.0)));
        // and its time per task: 200 ms, from 2000 / 22 = 90.9 ms to no bound
        assertEquals("200.0 [90.9, inf]", HandOffVerdict.range(HandOffVerdict.msPerTask(row("pipe", 10, 12.0))));
    }

    @Test
    void withoutBothTransportsThereIsNoSection() {
        assertEquals("", section(row("pipe", 10, 0.5), RowCopy.with(row("mmap", 100, 2.0),
                Map.of("workload", "sha256"))));
    }
}
