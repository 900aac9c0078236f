package dev.tenfold.cli;

import dev.tenfold.report.CsvFormat;
import dev.tenfold.report.RunContext;
import dev.tenfold.report.Rows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Results CSVs as a new user might hand them over (cut, hand-edited in a spreadsheet, the wrong
 * file): {@code compare} and {@code plot} answer each with one line on stderr and exit code 2,
 * never a stack trace.
 */
class MalformedCsvTest {
    @TempDir
    Path dir;
    private Path good;
    private String goodText;

    @BeforeEach
    void writeAGoodFile() throws Exception {
        RunContext machine = new RunContext("box-20261203-120000", "2026-12-03T12:00:00Z", "box", "Linux",
                "Fancy CPU, 3.0 GHz", 2, 2, 23.5,
                "Temurin 25", "quick", 2, 0.1, "cgroup cpu.max unlimited");
        good = dir.resolve("good.csv");
        CsvFormat.write(good,
                Rows.fromJmhJson(Path.of(getClass().getResource("/dev/tenfold/report/two-runs.json").toURI()),
                machine));
        goodText = Files.readString(good);
    }

    /**
     * The second line's {@code index}-th cell (0-based) replaced; quoted cells left alone, which the fixture's do not
     * reach.
     */
    private static UnaryOperator<String> cell(int index, String value) {
        return text -> {
            String[] lines = text.split("\n", -1);
            List<String> cells = new ArrayList<>(List.of(lines[1].split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)));
            cells.set(index, value);
            lines[1] = String.join(",", cells);
            return String.join("\n", lines);
        };
    }

    static Stream<Arguments> badFiles() {
        int family = 9;
        int variant = 11;
        int throughput = 16;
        return Stream.of(
                Arguments.of("an empty file", (UnaryOperator<String>) text -> "", "is empty"),
                Arguments.of("the header alone", (UnaryOperator<String>) text
                -> text.substring(0, text.indexOf('\n') + 1), "has no result rows"),
                Arguments.of("another CSV", (UnaryOperator<String>) text -> "name,age\nada,36\n",
                "is not a tenfold results CSV"),
                Arguments.of("a JSON file", (UnaryOperator<String>) text -> "[{\"benchmark\": \"x\"}]\n",
                "is not a tenfold results CSV"),
                Arguments.of("an empty family cell", cell(family, ""), "a row with an empty family cell"),
                Arguments.of("an unknown family", cell(family, "gpu"), "gpu"),
                Arguments.of("an unknown variant", cell(variant, "warp-drive"), "warp-drive"),
                Arguments.of("a word for a number", cell(throughput, "fast"), "throughput='fast' is not a number"),
                Arguments.of("a comma decimal", cell(throughput, "19,5"), "cells, the header"),
                Arguments.of("a row cut short", (UnaryOperator<String>) text
                -> text.substring(0, text.lastIndexOf(',', text.length() - 40)) + "\n",
                        "cells, the header"),
                Arguments.of("a quoted cell cut in the middle",
                (UnaryOperator<String>) text -> text.substring(0, text.indexOf("\"Fancy") + 6),
                        "is not a well-formed CSV"),
                Arguments.of("one row twice", (UnaryOperator<String>) text -> text
                + text.substring(text.indexOf('\n') + 1), "has two rows for"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void compareRefusesInOneLine(String what, UnaryOperator<String> spoil, String mentions) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), spoil.apply(goodText));
        CommandLineTest.assertUsageError(CommandLineTest.run("compare", good.toString(), bad.toString(), "--plots",
                dir.resolve("plots").toString()), mentions);
        if (!what.equals("one row twice") && !what.equals("the header alone"))
                { // plot takes both: a run with no rows, or as it is
            CommandLineTest.assertUsageError(CommandLineTest.run("plot", bad.toString(), "--plots",
            dir.resolve("plots").toString()), mentions);
        }
    }
}
