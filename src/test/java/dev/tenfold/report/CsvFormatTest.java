package dev.tenfold.report;

import static dev.tenfold.report.ReportTest.MACHINE;
import static dev.tenfold.report.ReportTest.fixtureRows;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results CSV: RFC 4180 both ways, the SPEC checker's view of it, and what the writer refuses. */
class CsvFormatTest {
    @TempDir
    Path dir;

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
}
