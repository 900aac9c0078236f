package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The calibration's three shares on rows whose truth is known: the same machine twice, and a backend 10% slower. */
class CalibrationTest {

    /** The synthetic rows make 100 C tasks/s: at 10 ms, exactly C / L, on their Little's-law line. */
    private static List<ResultRow> latencyBound(List<ResultRow> rows) {
        return rows.stream().map(r -> RowCopy.with(r, Map.of("bound", "littles-law", "latencyMs", 10))).toList();
    }

    @Test
    void honestIntervalsMeetEveryTarget() throws Exception {
        List<ResultRow> a = latencyBound(CompareTest.synthetic(ReportTest.MACHINE, 1.0, 1));
        List<ResultRow> b = latencyBound(CompareTest.synthetic(ReportTest.MACHINE, 1.0, 2));
        List<ResultRow> slower = latencyBound(CompareTest.synthetic(ReportTest.MACHINE, 50.0 / 55, 3));
        Calibration.Result r = Calibration.of(a, b, slower);
        assertEquals(20, r.coverable());
        assertEquals(20, r.joined());
        assertEquals(20, r.latencyBound());
        assertEquals(20, r.slower(), "9% fewer tasks/s at 3% noise over 8 samples: every row marked -");
        assertTrue(r.onTarget(), r.toString());
        String text = Calibration.render(a, b, slower);
        assertTrue(text.contains("All three on target."), text);
        assertTrue(text.matches("(?s).*\\(c\\) compare C/A marks - \\(latency-bound rows\\) +20 of +20 = 100\\.0% "
                + "\\(target >= 90%\\)\n.*"),
                text);
    }

    @Test
    void intervalsThatAreTooNarrowMissTheCoverage() throws Exception {
        // B is A shifted by 2%, while A claims an interval of +-0.1%: (a) misses; a 2% shift is still ~ (run-to-run
        // floor)
        List<ResultRow> a = CompareTest.synthetic(ReportTest.MACHINE, 1.0, 1).stream()
                .map(r -> RowCopy.with(r, Map.of("throughputError", r.throughput() * 0.001))).toList();
        List<ResultRow> b = a.stream().map(r -> RowCopy.with(r, Map.of("throughput", r.throughput() * 1.02))).toList();
        Calibration.Result r = Calibration.of(a, b, b);
        assertEquals(0, r.covered());
        assertEquals(20, r.same());
        assertEquals(0, r.latencyBound(), "no row of A is latency-bound");
        assertFalse(r.onTarget());
        assertTrue(Calibration.render(a, b, b).contains("NOT ON TARGET"));
    }

    @Test
    void rowsJoinAcrossTheLatencyTheSlowerRunChanged() throws Exception {
        List<ResultRow> a = latencyBound(CompareTest.synthetic(ReportTest.MACHINE, 1.0, 1));
        List<ResultRow> slower = a.stream().map(r -> RowCopy.with(r, Map.of("latencyMs", 11,
                "throughput", r.throughput() * 10 / 11))).toList();
        assertEquals(20, Calibration.of(a, a, slower).latencyBound());
    }

    @Test
    void aRowOffItsLittlesLawLineIsNotLatencyBound() throws Exception {
        // labelled Little's law against its own serial run, but at 50 ms it makes 100 C/s, not 20 C/s
        List<ResultRow> off = CompareTest.synthetic(ReportTest.MACHINE, 1.0, 1).stream()
                .map(r -> RowCopy.with(r, Map.of("bound", "littles-law", "latencyMs", 5))).toList();
        assertEquals(0, Calibration.of(off, off, off).latencyBound(), "100 C/s at 5 ms is half of C / L");
        assertTrue(Calibration.latencyBound(latencyBound(off).get(3)));
    }
}
