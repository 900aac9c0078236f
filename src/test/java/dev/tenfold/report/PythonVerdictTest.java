package dev.tenfold.report;

import static dev.tenfold.report.VerdictTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdict's Python section: the post's advice in Python, each claim beside Java's figure. */
class PythonVerdictTest {

    private static ResultRow in(String runtime, String family, ResultRow r, Map<String, Object> more) {
        Map<String, Object> changes = new HashMap<>(more);
        changes.put("runtime", runtime);
        changes.put("family", family);
        changes.put("workload", family.equals("cpu") ? "sha256" : family);
        changes.put("usableCores", 2);
        return RowCopy.with(r, changes);
    }

    /**
     * The post's advice, Python against Java: each claim with both figures, and conclusions that follow the intervals.
     */
    @Test
    void thePythonSectionSetsEachClaimBesideJava() {
        Map<String, Object> none = Map.of();
        List<ResultRow> rows = List.of(
                in("java", "io", row("serial", 1, 19.0, 0.1, 1, 1, 1),
                Map.of("cpuShare", 0.02, "articleRule", "io-bound")),
                in("java", "io", row("async", 10, 190.0, 2.0, 10.0, 9.9, 10.1), none),
                in("python", "io", row("serial", 1, 19.0, 0.1, 1, 1, 1),
                Map.of("cpuShare", 0.01, "articleRule", "io-bound")),
                in("python", "io", row("asyncio", 10, 189.0, 2.0, 9.95, 9.8, 10.1), none),
                in("python", "io", row("threads", 10, 185.0, 2.0, 9.7, 9.6, 9.8), none),
                in("java", "cpu", row("serial", 1, 10.0, 0.1, 1, 1, 1), none),
                in("java", "cpu", row("platform", 2, 19.5, 0.2, 1.95, 1.9, 2.0), none),
                in("java", "cpu", row("process", 2, 19.0, 0.2, 1.9, 1.85, 1.95), Map.of("workers", 2)),
                in("java", "cpu", row("process", 1, 9.9, 0.1, 0.99, 0.97, 1.01), Map.of("workers", 1)),
                in("python", "cpu", row("serial", 1, 6.0, 0.1, 1, 1, 1), none),
                in("python", "cpu", row("threads", 2, 11.4, 0.2, 1.9, 1.8, 2.0), none),
                in("python", "cpu", row("process", 2, 11.7, 0.2, 1.95, 1.9, 2.0), Map.of("workers", 2)),
                in("python", "cpu", row("process", 1, 5.9, 0.1, 0.98, 0.95, 1.01), Map.of("workers", 1)));
        String verdict = Verdict.render(rows);
        assertTrue(verdict.contains("== Python: io / io / 50 ms =="), "Python rows are grouped apart\n" + verdict);
        assertTrue(verdict.contains("I/O at C=10, 50 ms: Python asyncio 9.95 [9.80, 10.10]x"), verdict);
        assertTrue(verdict.contains("Python's asyncio and Java's async are indistinguishable in tasks/s"), verdict);
        assertTrue(verdict.contains("the 30% rule on serial I/O: Python CPU 1% (its idle JMH fork included) -> "
                + "io-bound; Java CPU 2% -> io-bound"), verdict);
        assertTrue(verdict.contains("\"threads don't help CPU work (the GIL)\": does not hold here: threads give "
                + "1.90x (the work runs in C code that lets go of the GIL"), verdict);
        assertTrue(verdict.contains("\"cpu_count()-1 processes\": Python 1 do 0.50x the throughput of 2: slower, a "
                + "core left idle;"
                + " Java 1 do 0.52x the throughput of 2: slower"), verdict);
        assertFalse(verdict.contains("2 min -> 12 s"), "no article headline from these rows");
        ResultRow gilHolds = in("python", "cpu", row("threads", 2, 6.3, 0.1, 1.05, 1.0, 1.1), none);
        assertEquals("holds here (1.05x)", PythonVerdict.gilVerdict(gilHolds));
        assertTrue(Verdict.render(rows.subList(0, 2)).indexOf("Python against Java") < 0, "no Python rows, no section");
    }
}
