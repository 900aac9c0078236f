package dev.tenfold;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every line of the sources (main and test, Java and Python) fits in 120 columns. */
class SourceLinesTest {
    static final int COLUMNS = 120;

    @Test
    void noLineIsWiderThan120Columns() throws IOException {
        List<String> wide = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            for (Path file :
                    files.filter(
                                    f ->
                                            f.toString().endsWith(".java")
                                                    || f.toString().endsWith(".py"))
                            .toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).length() > COLUMNS) {
                        wide.add(file + ":" + (i + 1) + " (" + lines.get(i).length() + ")");
                    }
                }
            }
        }
        assertTrue(
                wide.isEmpty(),
                wide.size() + " lines over " + COLUMNS + " columns:\n" + String.join("\n", wide));
    }
}
