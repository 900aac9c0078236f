package dev.tenfold.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** compare's marks and intervals on synthetic CSVs: the same machine twice, and a machine twice as fast. */
class CompareTest {
    @TempDir
    Path dir;

    /** Twenty rows whose 8 samples are drawn around {@code level} x a per-row base, 3% noise. */
    static List<ResultRow> synthetic(RunContext context, double level, long seed) throws Exception {
        ResultRow template = ReportTest.fixtureRows(context).get(1);
        Random random = new Random(seed);
        List<ResultRow> rows = new ArrayList<>();
        for (int c = 1; c <= 20; c++) {
            double[] samples = new double[8];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = level * 100 * c * (1 + 0.03 * random.nextGaussian());
            }
            Statistics.Estimate e = Statistics.estimate(samples);
            rows.add(RowCopy.with(template, Map.of("concurrency", c, "throughput", e.mean(), "throughputError",
                    e.halfWidth(),
                    "samples", samples.length)));
        }
        return rows;
    }

    @Test
    void theSameMachineTwiceIsWithinNoiseAndTwiceAsFastIsBeyondIt() throws Exception {
        Path a = dir.resolve("a.csv");
        Path aAgain = dir.resolve("a-again.csv");
        Path b = dir.resolve("b.csv");
        CsvFormat.write(a, synthetic(ReportTest.MACHINE, 1, 1));
        CsvFormat.write(aAgain, synthetic(ReportTest.MACHINE, 1, 2));
        CsvFormat.write(b, synthetic(ReportTest.MACHINE, 2, 3));

        String same = Compare.run(List.of(a, aAgain), dir);
        int differ =
                Integer.parseInt(same.replaceAll("(?s).*\\[1\\] vs \\[0\\]: (\\d+) of 20 rows differ beyond noise.*",
                "$1"));
        assertTrue(differ <= 1, "A/A: at most 1 of 20 rows beyond 99% noise\n" + same);
        assertTrue(same.contains("same conditions"), same);
        assertTrue(same.matches("(?s).*\nio +1\\.0\\d \\[0\\.9\\d, 1\\.0\\d\\] ~ \\(20\\).*"), same);

        String twice = Compare.run(List.of(a, b), dir);
        assertTrue(twice.contains("[1] vs [0]: 20 of 20 rows differ beyond noise (20 +, 0 -)"), twice);
        assertTrue(twice.matches("(?s).*\nio +2\\.0\\d \\[1\\.9\\d, 2\\.0\\d\\] \\+ \\(20\\).*"), twice);
    }

    /** The same rows in Java and in Python are different rows: compare joins on the runtime and means each apart. */
    @Test
    void javaAndPythonRowsAreJoinedApart() throws Exception {
        List<ResultRow> a = new ArrayList<>(synthetic(ReportTest.MACHINE, 1, 1));
        List<ResultRow> b = new ArrayList<>(synthetic(ReportTest.MACHINE, 1, 2));
        List.copyOf(a).forEach(r -> a.add(RowCopy.with(r, Map.of("runtime", "python"))));
        List.copyOf(b).forEach(r -> b.add(RowCopy.with(r, Map.of("runtime", "python", "throughput", 2 * r.throughput(),
                "throughputError", 2 * r.throughputError()))));
        CsvFormat.write(dir.resolve("a.csv"), a);
        CsvFormat.write(dir.resolve("b.csv"), b);
        String out = Compare.run(List.of(dir.resolve("a.csv"), dir.resolve("b.csv")), dir);
        assertTrue(out.matches("(?s).*\\[1\\] vs \\[0\\]: 2[01] of 40 rows differ beyond noise.*"), out);
        assertTrue(out.matches("(?s).*\npython:io +2\\.0\\d \\[1\\.9\\d, 2\\.\\d\\d\\] \\+ \\(20\\).*"), out);
        assertTrue(out.matches("(?s).*\nio +1\\.0\\d \\[0\\.9\\d, 1\\.0\\d\\] ~ \\(20\\).*"), out);
    }

    @Test
    void rowsWithoutSamplesGetNoMarkAndDifferentConditionsAreNamed() throws Exception {
        RunContext oneCore = new RunContext("box-2", "2026-11-23T13:00:00Z", "box", "Linux 6.1",
                ReportTest.MACHINE.cpuModel(), 2, 2, 23.5,
                "Temurin 21", "smoke", 1, 0.9, "cgroup cpu.max 1.00 cores");
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        CsvFormat.write(a, ReportTest.fixtureRows(ReportTest.MACHINE));
        CsvFormat.write(b, ReportTest.fixtureRows(oneCore));
        String table = Compare.run(List.of(a, b), dir);
        assertTrue(table.contains("1.00 ?"), table);
        assertTrue(table.contains("0 of 2 rows differ beyond noise (0 +, 0 -), 0 within noise (~), 2 without an "
                + "interval (?)"), table);
        assertTrue(table.contains("DIFFER IN CONDITIONS: profile smoke vs quick; JDK Temurin 21 vs Temurin 25; usable "
                + "cores 1 vs 2;"
                + " CPU policy cgroup cpu.max 1.00 cores vs cgroup cpu.max unlimited; [1] ran on a BUSY machine"),
                table);
    }

    /** Compares the fixture rows with {@code second}, expecting a refusal; its message. */
    private String refusal(String name, List<ResultRow> second) throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve(name);
        CsvFormat.write(a, ReportTest.fixtureRows(ReportTest.MACHINE));
        CsvFormat.write(b, second);
        return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Compare.run(List.of(a, b), dir)).getMessage();
    }

    @Test
    void aFileWithTwoRowsForOneKeyIsRefused() throws Exception {
        List<ResultRow> rows = ReportTest.fixtureRows(ReportTest.MACHINE);
        String message = refusal("doubled.csv", List.of(rows.get(0), rows.get(1),
                RowCopy.with(rows.get(1), Map.of("throughput", 1.0))));
        assertTrue(message.contains("doubled.csv has two rows for " + rows.get(1).joinKey()), message);
    }

    @Test
    void aRowWithAnEmptyFamilyCellIsRefusedNotACrash() throws Exception {
        Path a = dir.resolve("a.csv");
        Path edited = dir.resolve("edited.csv");
        CsvFormat.write(a, ReportTest.fixtureRows(ReportTest.MACHINE));
        List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(a));
        String row = lines.get(1);
        lines.set(1, row.replaceFirst(",io,io,serial,", ",,io,serial,")); // family, workload, variant
        assertTrue(!lines.get(1).equals(row), row);
        java.nio.file.Files.write(edited, lines);
        String message = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Compare.run(List.of(a, edited), dir)).getMessage();
        assertTrue(message.contains("edited.csv: a row with an empty family cell"), message);
    }

    @Test
    void aQuotedCellCutInTheMiddleIsRefusedInOneLine() throws Exception {
        Path a = dir.resolve("a.csv");
        Path cut = dir.resolve("cut.csv");
        CsvFormat.write(a, ReportTest.fixtureRows(ReportTest.MACHINE));
        String text = java.nio.file.Files.readString(a);
        java.nio.file.Files.writeString(cut, text.substring(0, text.indexOf("Turbo") + 2));
                // inside the quoted CPU model
        String message = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Compare.run(List.of(a, cut), dir)).getMessage();
        assertTrue(message.startsWith(cut + " is not a well-formed CSV: "), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void filesWithNoRowInCommonAreRefused() throws Exception {
        String message = refusal("other.csv", ReportTest.fixtureRows(ReportTest.MACHINE).stream()
                .map(r -> RowCopy.with(r, Map.of("latencyMs", 999))).toList());
        assertTrue(message.contains("have no row in common"), message);
    }

    @Test
    void aRowWithoutThroughputIsShownWithoutARatio() throws Exception {
        List<ResultRow> rows = synthetic(ReportTest.MACHINE, 1, 1);
        List<ResultRow> broken = new ArrayList<>(synthetic(ReportTest.MACHINE, 1, 2));
        Map<String, Object> none = new java.util.HashMap<>();
        none.put("throughput", null);
        none.put("throughputError", null);
        broken.set(0, RowCopy.with(broken.get(0), none));
        broken.set(1, RowCopy.with(broken.get(1), Map.of("throughput", 0.0, "throughputError", 0.0)));
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        CsvFormat.write(a, rows);
        CsvFormat.write(b, broken);
        String table = Compare.run(List.of(a, b), dir);
        assertTrue(table.matches("(?s).*\\[1\\] vs \\[0\\]: \\d+ of 20 rows differ beyond noise .*, 2 without a "
                + "throughput in one file \\(-\\)\n.*"), table);
        assertTrue(table.contains("of 20 rows"), "every joined row is counted: " + table);
    }

    @Test
    void aRowRatioIsMarkedByItsInterval() {
        assertEquals("+", Ratios.mark(1.1, new Statistics.Interval(1.01, 1.2)));
        assertEquals("-", Ratios.mark(0.7, new Statistics.Interval(0.5, 0.99)));
        assertEquals("~", Ratios.mark(1.0, new Statistics.Interval(0.95, 1.05)));
        assertEquals("~", Ratios.mark(0.97, new Statistics.Interval(0.95, 0.99)),
                "beyond the interval, within the run-to-run floor");
        assertEquals("~", Ratios.mark(1.3, new Statistics.Interval(0.9, 1.8)), "beyond the floor, within the interval");
        assertEquals("?", Ratios.mark(1.0, null));
        assertNull(Ratios.rowRatio(RowCopy.with(dummy(), Map.of("throughput", 0.0)), dummy()));
    }

    private static ResultRow dummy() {
        try {
            return ReportTest.fixtureRows(ReportTest.MACHINE).get(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
