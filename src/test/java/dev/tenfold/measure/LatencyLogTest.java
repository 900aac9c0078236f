package dev.tenfold.measure;

import dev.tenfold.ledger.TrialLedger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The row's log holds every window of every fork, in a form HdrHistogram's own reader takes. */
class LatencyLogTest {

    private static Histogram window(long startMillis, long... nanos) {
        Histogram h = new Histogram(TrialLedger.SIGNIFICANT_DIGITS);
        for (long n : nanos) {
            h.recordValue(n);
        }
        h.setStartTimeStamp(startMillis);
        h.setEndTimeStamp(startMillis + 1000);
        return h;
    }

    @Test
    void forksAppendedOneAfterTheOtherReadBackAsOneHistogramTheBackendsApart(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("rows").resolve(LatencyLog.fileName("dev.tenfold.bench.IoBenchmark.platform",
                Map.of("concurrency", "10", "latencyMs", "50")));
        long t0 = 1_796_000_000_000L; // December 2026, in ms
        LatencyLog.append(log, window(t0, 50_000_000, 51_000_000));           // fork 1, window 1
        LatencyLog.append(log, window(t0 + 1000, 52_000_000));                // fork 1, window 2
        LatencyLog.append(log, window(t0 + 60_000, 400_000_000));             // fork 2
        Histogram backend = window(t0 + 60_000, 50_100_000, 50_200_000);
        backend.setTag(LatencyLog.BACKEND_TAG);
        LatencyLog.append(log, backend);                                      // the backend's own, same window
        Histogram merged = LatencyLog.readMerged(log, null);
        assertEquals(4, merged.getTotalCount());
        assertEquals(400e6, merged.getMaxValue(), 400e3);
        assertEquals(51e6, merged.getValueAtPercentile(50), 51e3);
        Histogram served = LatencyLog.readMerged(log, LatencyLog.BACKEND_TAG);
        assertEquals(2, served.getTotalCount(), "the backend's intervals apart from the tasks'");
        assertEquals(50.2e6, served.getMaxValue(), 50e3);

        // HdrHistogram's reader sees three intervals at their own (absolute) times: one header only
        List<Double> starts = new ArrayList<>();
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        for (EncodableHistogram h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram()) {
            starts.add(h.getStartTimeStamp() / 1000.0);
        }
        assertEquals(List.of(t0 / 1000.0, t0 / 1000.0 + 1, t0 / 1000.0 + 60, t0 / 1000.0 + 60), starts);
        assertEquals(1, Files.readAllLines(log).stream().filter(l
                -> l.startsWith("#[Histogram log format version")).count());
    }

    @Test
    void theNameIsTheBenchmarkAndItsSortedParametersAndNoLogIsNoHistogram(@TempDir Path dir) {
        assertEquals("IoBenchmark.async_concurrency=10_workload=a-b.hlog",
                LatencyLog.fileName("dev.tenfold.bench.IoBenchmark.async",
                Map.of("workload", "a/b", "concurrency", "10")));
        assertNull(LatencyLog.readMerged(dir.resolve("none.hlog"), null));
    }
}
