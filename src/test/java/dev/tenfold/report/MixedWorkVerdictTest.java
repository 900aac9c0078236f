package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The mixed-work section: each stage alone gives the bound max(I/O, CPU) per batch, every combination
 * is timed against it, and the article's "download everything, then process" is judged by the interval
 * of pipeline / split: beats, is beaten, indistinguishable, or untested with one sample.
 */
class MixedWorkVerdictTest {

    /** A mixed row at C=10 and 2 CPU threads, 100 images a batch, 3 forks: {@code error} is the 99% half-width. */
    private static ResultRow row(String variant, double throughput, Double error) throws Exception {
        Map<String, Object> changes = new HashMap<>(Map.of("family", "mixed", "workload", "mixed", "variant", variant,
                "concurrency", 10, "workers", 2, "tasks", 100, "throughput", throughput, "forks", 3,
                "speedup", throughput / 20, "bound", "unexplained"));
        changes.put("throughputError", error);
        changes.putAll(Map.of("efficiency", 0.9, "cpuShare", 0.5, "errors", 0L));
        return RowCopy.with(ReportTest.fixtureRows(ReportTest.MACHINE).get(1), changes);
    }

    private static String section(double split, double pipeline, Double error) throws Exception {
        StringBuilder out = new StringBuilder();
        MixedWorkVerdict.mixed(out, List.of(row("serial", 20, 0.5), row("io-stage", 200, 2.0),
                row("cpu-stage", 100, 1.0), row("split", split, error), row("pipeline", pipeline, error)));
        return out.toString();
    }

    @Test
    void theStagesSetTheBoundAndEveryCombinationIsTimedAgainstIt() throws Exception {
        List<String> lines = section(80, 95, 1.0).lines().toList();
        assertEquals(List.of(
                "",
                "== mixed: download -> thumbnail, 100 images, C=10 downloads in flight, 2 CPU threads ==",
                "  I/O stage alone 0.50 s (200 images/s), CPU stage alone 1.00 s (100 images/s): bound max = 1.00 s"
                        + " (CPU), no overlap = sum 1.50 s",
                "  pipeline        1.05 s per 100 images,   95.0 images/s,   4.8x serial, 95% of max(stages); bound"
                        + " unexplained (eff 90%), cpu 50%",
                "  split           1.25 s per 100 images,   80.0 images/s,   4.0x serial, 80% of max(stages); bound"
                        + " unexplained (eff 90%), cpu 50%",
                "  winner here: pipeline, 4.8x serial (20.0 images/s)",
                "  article's \"download everything, then process\": overlapping the stages beats it by 1.19x here"
                        + " (pipeline 1.05 s vs split 1.25 s per batch)"),
                lines);
    }

    @Test
    void theArticlesSplitIsJudgedByTheIntervalOfTheRatio() throws Exception {
        assertTrue(section(95, 80, 1.0).contains("it beats overlapping the stages by 1.19x here"));
        assertTrue(section(90, 91, 5.0).contains("indistinguishable from overlapping the stages here (the 99% interval"
                + " of the ratio holds 1)"));
        assertTrue(section(80, 95, null).contains("1.19x, untested (one sample, no interval)"));
    }

    @Test
    void withoutTheCpuStageAloneThereIsNoBoundAndNoSection() throws Exception {
        StringBuilder out = new StringBuilder();
        MixedWorkVerdict.mixed(out, List.of(row("serial", 20, 0.5), row("io-stage", 200, 2.0), row("split", 80, 1.0)));
        assertEquals("", out.toString());
    }
}
