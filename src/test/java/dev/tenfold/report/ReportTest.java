package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JMH JSON → rows → CSV → rows, the verdict, the plots and compare, on a small fixture. */
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
    void csvRoundTripsQuotedCells() throws Exception {
        List<ResultRow> rows = fixtureRows(MACHINE);
        Path csv = dir.resolve("run.csv");
        CsvFormat.write(csv, rows);
        assertEquals(rows, CsvFormat.read(csv));
        String header = Files.readAllLines(csv).get(0);
        assertTrue(header.startsWith("run_id,timestamp,host,os,cpu_model,physical_cores"), header);
        byte[] before = Files.readAllBytes(csv);
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> CsvFormat.write(csv, List.of()),
                "never overwrites");
        assertArrayEquals(before, Files.readAllBytes(csv), "the existing file is left as it was");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(csv), files.toList(), "no temporary file left behind");
        }
        String text = Files.readString(csv);
        assertTrue(text.contains(",\"Fancy CPU, \"\"Turbo\"\" 3.0 GHz\","), "RFC 4180 quoting\n" + text);
    }

    /** Apart from the round trip, so that a clone without ../shared reports only this one as skipped. */
    @Test
    void csvPassesTheSpecChecker() throws Exception {
        Path csv = dir.resolve("run.csv");
        CsvFormat.write(csv, fixtureRows(MACHINE));
        Path checker = Path.of("..", "shared", "tools", "check-results.py");
        assumeTrue(Files.exists(checker), "SPEC checker not beside this checkout");
        Process check = new ProcessBuilder("python3", checker.toString(), csv.toString(),
                "--v2").redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes());
        assertTrue(check.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, check.exitValue(), out);
    }

    @Test
    void theReaderTakesCrlfAndLineBreaksInQuotesAndRefusesCutRows() throws Exception {
        List<ResultRow> rows = fixtureRows(MACHINE);
        ResultRow multiline = RowCopy.with(rows.get(0), Map.of("cpuModel", "Fancy CPU\nsecond line, \"quoted\""));
        Path csv = dir.resolve("run.csv");
        CsvFormat.write(csv, List.of(multiline, rows.get(1)));
        assertEquals(List.of(multiline, rows.get(1)), CsvFormat.read(csv));

        // the same file as a spreadsheet on Windows saves it: CRLF between records
        Path crlf = dir.resolve("crlf.csv");
        String text = Files.readString(csv);
        StringBuilder converted = new StringBuilder();
        boolean quoted = false;
        for (char ch : text.toCharArray()) {
            quoted ^= ch == '"';
            converted.append(ch == '\n' && !quoted ? "\r\n" : String.valueOf(ch));
        }
        Files.writeString(crlf, converted);
        assertEquals(List.of(multiline, rows.get(1)), CsvFormat.read(crlf));

        Path cut = dir.resolve("cut.csv");
        List<String> lines = Files.readAllLines(csv);
        String last = lines.get(lines.size() - 1);
        lines.set(lines.size() - 1, last.substring(0, last.lastIndexOf(',', last.lastIndexOf(',') - 1)));
        Files.write(cut, lines);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvFormat.read(cut));
        assertTrue(e.getMessage().contains("cells, the header"), e.getMessage());
    }

    @Test
    void theWriterRefusesUnaccountedTasks() throws Exception {
        ResultRow ok = fixtureRows(MACHINE).get(1);
        ResultRow lost = RowCopy.with(ok, java.util.Map.of("errors", 0L, "attempted", 8000L, "succeeded", 7600L));
        assertThrows(IllegalStateException.class, () -> CsvFormat.write(dir.resolve("lost.csv"), List.of(ok, lost)));
        assertTrue(Files.notExists(dir.resolve("lost.csv")), "nothing is written");
    }

    @Test
    void verdictNamesBoundsAndFlagsErrors() throws Exception {
        String verdict = Verdict.render(fixtureRows(MACHINE));
        assertTrue(verdict.contains("littles-law"), verdict);
        assertTrue(verdict.contains("ERRORS: 400 of 8000"), verdict);
        assertTrue(verdict.contains("C=100 virtual 75.0x of 100"), verdict);
    }

    /** The CPU family on one page: every workload x every model, with its interval; the Python rows are not on it. */
    @Test
    void theCpuFamilyIsOneGroupedBarChart() throws Exception {
        ResultRow any = fixtureRows(MACHINE).get(1);
        List<ResultRow> cpu = new java.util.ArrayList<>();
        for (String workload : List.of("sha256", "matmul")) {
            cpu.add(RowCopy.with(any, java.util.Map.of("family", "cpu", "workload", workload, "variant", "serial",
                    "concurrency", 1,
                    "speedup", 1.0)));
            cpu.add(RowCopy.with(any, java.util.Map.of("family", "cpu", "workload", workload, "variant", "platform",
                    "concurrency", 2,
                    "speedup", 1.9, "speedupLow", 1.8, "speedupHigh", 2.0)));
        }
        cpu.add(RowCopy.with(cpu.get(1), java.util.Map.of("runtime", "python", "variant", "threads")));
        List<Path> pngs = Plots.draw(cpu, dir, "quick", null);
        assertTrue(pngs.contains(dir.resolve("cpu-speedup.png")), pngs.toString());
        assertTrue(Files.size(dir.resolve("cpu-speedup.png")) > 5_000);
        assertTrue(pngs.contains(dir.resolve("python-cpu-sha256-speedup.png")),
                "the Python rows keep their own charts: " + pngs);
    }

    @Test
    void plotsAreDrawn() throws Exception {
        List<Path> pngs = Plots.draw(fixtureRows(MACHINE), dir, "quick", null);
        assertEquals(List.of(dir.resolve("io-speedup.png"), dir.resolve("io-cpu-share.png"), dir.resolve("io-rss.png")),
                pngs);
        for (Path png : pngs) {
            assertTrue(Files.size(png) > 5_000, png + " is " + Files.size(png) + " bytes");
        }
        assertEquals(pngs, Plots.draw(fixtureRows(MACHINE), dir, "quick", null), "drawn again over the old files");
        try (var files = Files.list(dir)) {
            assertEquals(new java.util.TreeSet<>(pngs), new java.util.TreeSet<>(files.toList()),
                    "written through a temporary file, none left");
        }
        // A long CPU model in the title widens the chart rather than being cut off.
        RunContext longName = new RunContext("x", "t", "build-host-01", "Linux",
                "Intel(R) Xeon(R) Platinum 8375C CPU @ 2.90GHz (Ice Lake), 2 sockets",
                32, 64, 256, "Eclipse Adoptium 25.0.3+9-LTS", "quick", 64, 0.1, "cgroup cpu.max unlimited");
        Path wide = Plots.draw(fixtureRows(longName), dir.resolve("wide"), "quick", null).get(0);
        assertTrue(javax.imageio.ImageIO.read(wide.toFile()).getWidth() > 1000, "chart wide enough for its title");
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
