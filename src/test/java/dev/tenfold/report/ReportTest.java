package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small JMH JSON fixture end to end: its rows (the SPEC's arithmetic, the forks' flags), the verdict
 * and compare over it; the fixture serves CsvFormatTest, PlotsTest and RunReportTest too.
 */
class ReportTest {
    static final RunContext MACHINE = new RunContext("box-20261123-120000", "2026-11-23T12:00:00Z", "box",
            "Linux 6.1", "Fancy CPU, \"Turbo\" 3.0 GHz", 2, 2, 23.5, "Temurin 25", "quick", 2, 0.1,
            "cgroup cpu.max unlimited");

    @TempDir
    Path dir;

    static List<ResultRow> fixtureRows(RunContext context) throws IOException, URISyntaxException {
        return Rows.fromJmhJson(Path.of(ReportTest.class.getResource("two-runs.json").toURI()), context);
    }

    @Test
    void jmhJsonBecomesRowsWithTheSpecsArithmetic() throws Exception {
        List<ResultRow> rows = fixtureRows(MACHINE);
        ResultRow serial = rows.get(0);
        ResultRow virtual = rows.get(1);
        assertEquals(Family.IO, serial.family());
        assertEquals(Variant.VIRTUAL, virtual.variant());
        assertEquals(19.0, serial.throughput(), 1e-9, "0.19 batches/s x 100 tasks");
        assertEquals(1.0, serial.speedup(), 1e-9);
        // 1.5 batches/s x 1000 tasks x 7600/8000 succeeded = 1425 tasks/s
        assertEquals(1425.0, virtual.throughput(), 1e-9);
        assertEquals(75.0, virtual.speedup(), 1e-3);
        assertEquals(100.0, virtual.idealSpeedup());
        assertEquals(0.05, virtual.backgroundCpuShare(), 1e-9);
        assertEquals(1425.0 / ((0.75 - 0.05) * 19.0), virtual.rooflineSpeedup(), 1e-3,
                "priced at the CPU above the background");
        assertEquals(0.75, virtual.efficiency(), 1e-3, "75x of min(100, 100)");
        assertEquals(1.0, virtual.busyCores(), 1e-9);
        assertEquals("cpu-bound", virtual.articleRule());
        assertEquals("unexplained", virtual.bound(), "75% of Little's law is below the 85% a bound must reach");
        assertEquals(400L, virtual.errors());
        assertEquals(8000L, virtual.attempted());
        assertEquals(null, virtual.workers(), "workers do not apply to virtual threads");
        assertEquals(null, serial.throughputError(), "JMH's NaN error becomes an empty cell");
    }

    /**
     * jvm_flags: the fork's -X flags as JMH recorded them (the heap the run sized), not its properties; python_version
     * on Python rows.
     */
    @Test
    void theRowsCarryTheForksJvmFlagsAndThePythonVersion() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var runs = (com.fasterxml.jackson.databind.node.ArrayNode)
                mapper.readTree(ReportTest.class.getResource("two-runs.json"));
        for (var run : runs) {
            var args = ((com.fasterxml.jackson.databind.node.ObjectNode) run).putArray("jvmArgs");
            List.of("-Xms64m", "-Xmx805m", "-XX:+UseG1GC", "-Dtenfold.backend.url=http://127.0.0.1:1",
                    "-D" + Rows.PYTHON_VERSION_PROPERTY + "=3.11.7")
                    .forEach(args::add);
        }
        Path json = dir.resolve("flags.json");
        mapper.writeValue(json.toFile(), runs);
        List<ResultRow> rows = Rows.fromJmhJson(json, MACHINE);
        assertEquals("-Xms64m -Xmx805m -XX:+UseG1GC", rows.get(1).jvmFlags());
        assertEquals(null, rows.get(1).pythonVersion(), "a Java row has no Python version");
        assertEquals(null, fixtureRows(MACHINE).get(1).jvmFlags(), "a JSON without jvmArgs: an empty cell");
    }

    @Test
    void verdictNamesBoundsAndFlagsErrors() throws Exception {
        String verdict = Verdict.render(fixtureRows(MACHINE));
        assertTrue(verdict.contains("littles-law"), verdict);
        assertTrue(verdict.contains("ERRORS: 400 of 8000"), verdict);
        assertTrue(verdict.contains("C=100 virtual 75.0x of 100"), verdict);
    }

    @Test
    void compareJoinsMachinesAndTakesTheGeometricMean() throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        CsvFormat.write(a, fixtureRows(MACHINE));
        RunContext faster = new RunContext("big-1", "2026-11-23T13:00:00Z", "big", "Linux", "Big CPU", 8, 16, 64,
                "Temurin 25", "quick",
                16, 0.1, "cgroup cpu.max unlimited");
        List<ResultRow> bRows = fixtureRows(faster).stream().map(r -> withThroughput(r, r.throughput() * 2)).toList();
        CsvFormat.write(b, bRows);
        Path c = dir.resolve("c.csv");
        RunContext slower = new RunContext("small-1", "2026-11-23T14:00:00Z", "small", "Linux", "Small CPU", 1, 1, 2,
                "Temurin 21", "quick",
                1, 0.1, "cgroup cpu.max unlimited");
        List<ResultRow> cRows = fixtureRows(slower);
        // the slow machine ran only the serial row, at a quarter of the throughput
        CsvFormat.write(c, List.of(withThroughput(cRows.get(0), cRows.get(0).throughput() / 4)));
        String table = Compare.run(List.of(a, b, c), dir);
        assertTrue(table.contains("[1] big big-1: Big CPU, 16 usable of 16 logical / 8 physical cores"), table);
        assertTrue(table.contains("[2] small small-1"), table);
        assertTrue(table.contains("io/io/serial 1 - 50 100"), table);
        assertTrue(table.matches("(?s).*io/io/serial 1 - 50 100 +19\\.0 +38\\.0 +2\\.00 \\? +4\\.8 +0\\.25 \\?\n.*"),
                table);
        assertTrue(table.contains("Only in some files"), table);
        assertTrue(table.matches("(?s).*io/io/virtual 100 - 50 1000 +only in \\[0\\] \\[1\\]\n.*"), table);
        assertTrue(table.matches("(?s).*\nio +2\\.00 \\? \\(1\\) +0\\.25 \\? \\(1\\)\n.*"),
                "geomean per file\n" + table);
        assertTrue(Files.size(dir.resolve("compare.png")) > 5_000);

        // two files with every row in common: geomean over both rows
        Files.delete(dir.resolve("compare.png"));
        String two = Compare.run(List.of(a, b), dir);
        assertTrue(two.matches("(?s).*\nio +2\\.00 \\? \\(2\\)\n.*"), two);
        assertTrue(Files.size(dir.resolve("compare.png")) > 5_000);

        Path bad = Files.writeString(dir.resolve("bad.csv"), "family,variant\nio,serial\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Compare.run(List.of(a, bad), dir));
        assertTrue(e.getMessage().contains("header"), e.getMessage());
    }

    private static ResultRow withThroughput(ResultRow r, double t) {
        return RowCopy.with(r, java.util.Map.of("throughput", t));
    }
}
