package dev.tenfold.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.Result;

/**
 * The environment and the profiler with /proc hidden, as on macOS: the load average and the threads
 * come from the OS through OSHI, memory is the tree's RSS, stolen time is not measured (no reading,
 * not a zero), and nothing fails.
 */
class NoProcTest {
    @TempDir
    Path emptyProc;

    @BeforeEach
    void hideProc() {
        System.setProperty(Environment.PROC_PROPERTY, emptyProc.toString());
    }

    @AfterEach
    void showProc() {
        System.clearProperty(Environment.PROC_PROPERTY);
    }

    @Test
    void theEnvironmentReadsWhatTheOsGivesAndNothingElse() {
        assertEquals(emptyProc.resolve("loadavg"), Environment.proc("loadavg"));
        assertNull(Environment.cpuTicksNow(), "no /proc/stat: no stolen time, not zero");
        if (System.getenv(Environment.LOAD_AT_START_VARIABLE) == null) {
            Double load = Environment.loadPerCore();
            assertNotNull(load, "the load average from getloadavg");
            assertTrue(load >= 0, load.toString());
        }
        assertTrue(Environment.cpuPolicy().startsWith("cgroup cpu.max "), Environment.cpuPolicy());
    }

    @Test
    void theProfilerMeasuresCpuMemoryAndThreadsWithoutProc() throws Exception {
        MeasuredWindow window = MeasuredWindow.open(ProcessHandle.current().pid(), null,
                BackendServed.at(null));
        long end = System.nanoTime() + 300_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            x += x * 31 + 7;
        }
        window.end();
        Map<String, Double> results = window.close().stream().collect(Collectors.toMap(Result::getLabel,
                r -> r.getScore()));
        assertTrue(x != 42 && results.get(Metric.CPU_SHARE.key()) > 0, "CPU from OSHI: " + results);
        assertTrue(results.get(Metric.RSS_MB.key()) > 10, "the tree's RSS stands in for PSS: " + results);
        assertTrue(results.get(Metric.THREADS.key()) > 5, "threads from the OS: " + results);
        assertTrue(!results.containsKey(Metric.STEAL_SHARE.key()),
                "no stolen time measured, so none reported: " + results);
    }
}
