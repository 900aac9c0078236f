package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import org.junit.jupiter.api.Test;

class BoundsTest {

    @Test
    void idealIsLittlesLawForIoAndTheCoreCountForCpu() {
        assertEquals(10, Bounds.idealSpeedup(Family.IO, 10, 100, 2));
        assertEquals(50, Bounds.idealSpeedup(Family.IO, 100, 50, 2), "fewer tasks than C: the batch bounds it");
        assertEquals(2, Bounds.idealSpeedup(Family.CPU, 8, 32, 2));
        assertEquals(4, Bounds.idealSpeedup(Family.CPU, 8, 4, 16));
    }

    @Test
    void rooflineIsWhereTheMeasuredCpuCostRunsOut() {
        // 1000 req/s at 50% client + 25% backend of the machine: 100% would give 1333 req/s; serial 20 req/s.
        assertEquals(1000 / (0.75 * 20), Bounds.rooflineSpeedup(1000, 20, 0.5, 0.25, null), 1e-9);
        assertNull(Bounds.rooflineSpeedup(1000, 20, null, null, null));
        // only the CPU above the background prices a task: 0.75 busy of which 0.15 idle-time background
        assertEquals(1000 / (0.60 * 20), Bounds.rooflineSpeedup(1000, 20, 0.5, 0.25, 0.15), 1e-9);
        // a row that spends no more than its background has no CPU bound to tell
        assertNull(Bounds.rooflineSpeedup(1000, 20, 0.1, 0.05, 0.15));
        assertEquals(0.5, Bounds.efficiency(50, 100, 200.0), 1e-9);
        assertEquals(0.5, Bounds.efficiency(25, 100, 50.0), 1e-9, "the roofline is the bound when lower");
    }

    @Test
    void theArticlesRuleMisclassifiesSerialCpuWorkOnManyCores() {
        // One busy core: 50% of 2 cores, 12.5% of 8, 1.6% of 64.
        assertEquals("cpu-bound", Bounds.articleRule(0.5));
        assertEquals("io-bound", Bounds.articleRule(1.0 / 8));
        assertEquals("io-bound", Bounds.articleRule(1.0 / 64));
        for (int cores : new int[] {2, 8, 64}) {
            assertEquals("cpu-bound", Bounds.classification(1.0, 1, cores), cores + " cores");
        }
        // An I/O wait with a sliver of CPU is io-bound both ways, on 8 and on 64 cores.
        assertEquals("io-bound", Bounds.classification(0.05, 1, 8));
        assertEquals("io-bound", Bounds.classification(0.05, 1, 64));
        // 100 threads on 64 cores using 10 cores: 10/64 = 16% of what they could use.
        assertEquals("io-bound", Bounds.classification(10, 100, 64));
    }

    @Test
    void boundNamesTheLimit() {
        assertEquals("littles-law", Bounds.bound(Family.IO, 10, 100, 2, 10, 40.0, 50.5, 50, 0.2, 0.1, null));
        assertEquals("cpu-roofline", Bounds.bound(Family.IO, 1000, 10000, 2, 1000, 300.0, 51.0, 50, 0.6, 0.35, null));
        assertEquals("tasks", Bounds.bound(Family.IO, 100, 50, 2, 50, null, null, 50, null, null, null));
        assertEquals("backend", Bounds.bound(Family.IO, 100, 1000, 2, 100, 500.0, 80.0, 50, 0.2, 0.1, null),
                "backend slow while the CPU idles: not a client result");
        assertEquals("backend", Bounds.bound(Family.IO, 100, 1000, 2, 100, 500.0, 80.0, 50, 0.6, 0.35, null),
                "a slow backend is flagged even when the shared CPU is saturated");
        assertEquals("server-limit", Bounds.bound(Family.RESILIENCE, 500, 1000, 2, 50, 80.0, 50.0, 50, 0.3, 0.2, 50));
        assertEquals("littles-law", Bounds.bound(Family.RESILIENCE, 50, 1000, 2, 50, 80.0, 50.0, 50, 0.3, 0.2, 50),
                "C = K: the server admits every request in flight");
        assertEquals("cores", Bounds.bound(Family.CPU, 2, 8, 2, 2, null, null, null, 1.0, null, null));
        assertEquals("cores", Bounds.bound(Family.CPU, 1, 8, 2, 1, null, null, null, 0.5, null, null),
                "one thread: the one core it can use");
        assertEquals("tasks", Bounds.bound(Family.CPU, 8, 4, 16, 4, null, null, null, 0.25, null, null));
    }

    @Test
    void theCutOffsAreTheSpecs() {
        // the backend flag: more than 20% over the configured latency
        assertEquals("littles-law", Bounds.bound(Family.IO, 10, 100, 2, 10, null, 60.0, 50, 0.1, 0.1, null),
                "exactly +20%");
        assertEquals("backend", Bounds.bound(Family.IO, 10, 100, 2, 10, null, 60.1, 50, 0.1, 0.1, null),
                "just over +20%");
        // cpu-roofline only on a saturated machine: client + backend >= 90% of the usable cores
        assertEquals("cpu-roofline", Bounds.bound(Family.IO, 1000, 10000, 2, 1000, 300.0, 51.0, 50, 0.6, 0.31, null));
        assertEquals("littles-law", Bounds.bound(Family.IO, 1000, 10000, 2, 1000, 300.0, 51.0, 50, 0.6, 0.29, null),
                "89% busy: the CPU is not what stops it");
        // the article's 30%
        assertEquals("cpu-bound", Bounds.articleRule(0.30));
        assertEquals("io-bound", Bounds.articleRule(0.2999));
        assertEquals("cpu-bound", Bounds.classification(0.6, 2, 2));
        assertEquals("io-bound", Bounds.classification(0.5999, 2, 2));
    }

    @Test
    void aBoundFarAboveTheFigureExplainsNothing() {
        assertEquals("cores", Bounds.explained("cores", 0.94));
        assertEquals("cores", Bounds.explained("cores", 0.85), "85% of the bound: explained");
        assertEquals("unexplained", Bounds.explained("cores", 0.8499));
        assertEquals("unexplained", Bounds.explained("cores", 0.02), "worker JVMs fed 64 MiB through a pipe");
        assertEquals("littles-law", Bounds.explained("littles-law", null));
        assertEquals("backend", Bounds.explained("backend", 0.1),
                "a slow backend stays flagged however low the figure");
    }

    @Test
    void threadsInUseFollowTheModel() {
        assertEquals(1, Variant.SERIAL.threadsInUse(1, null));
        assertEquals(3, Variant.PROCESS.threadsInUse(8, 3), "worker JVMs, not C");
        assertEquals(100, Variant.VIRTUAL.threadsInUse(100, null));
        assertEquals(2, Variant.FORKJOIN.threadsInUse(8, 2), "the pool's parallelism, not C");
    }
}
