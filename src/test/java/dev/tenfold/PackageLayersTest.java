package dev.tenfold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages form layers: each uses only the packages below it, so no two classes of different
 * packages depend on each other in a circle. What counts as a use: an import or a fully qualified
 * name in code (comments and string literals left out).
 */
class PackageLayersTest {
    /** Lowest first: the vocabulary every layer speaks, up to the command line. */
    static final List<String> LAYERS = List.of(
            "vocabulary", "ledger", "workload", "workload.cpu", "workload.http", "workload.resilience",
            "workload.catalog", "process", "model", "measure", "backend", "bench", "report", "cli");

    private static final Path SOURCES = Path.of("src/main/java/dev/tenfold");
    private static final Pattern USE = Pattern.compile("\\bdev\\.tenfold\\.([a-z]+(?:\\.[a-z]+)*)\\.[A-Z]");

    @Test
    void everyPackageUsesOnlyThePackagesBelowIt() throws IOException {
        List<String> violations = new ArrayList<>();
        TreeSet<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String own = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                packages.add(own);
                Matcher use = USE.matcher(code(Files.readString(file)));
                while (use.find()) {
                    String used = use.group(1);
                    if (!used.equals(own) && LAYERS.indexOf(used) >= LAYERS.indexOf(own)) {
                        violations.add(file.getFileName() + " (" + own + ") uses " + used);
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(LAYERS), packages, "every package has its layer, and every layer is a package");
        assertTrue(violations.isEmpty(), String.join("\n", new TreeSet<>(violations)));
    }

    @Test
    void aUseOfAPackageAboveIsFoundAndOneInACommentOrStringIsNot() {
        String source = """
                package dev.tenfold.model;
                // dev.tenfold.cli.Main in a comment
                /** {@link dev.tenfold.report.Rows} in javadoc */
                class X { String s = "dev.tenfold.bench.IoBenchmark"; Object o = dev.tenfold.measure.Metric.CPU_SHARE; }
                """;
        Matcher use = USE.matcher(code(source));
        List<String> found = new ArrayList<>();
        while (use.find()) {
            found.add(use.group(1));
        }
        assertEquals(List.of("measure"), found);
    }

    /** The source without its comments and string literals. */
    static String code(String source) {
        return source.replaceAll("\"(?:\\\\.|[^\"\\\\\\n])*\"", "\"\"")
                .replaceAll("(?s)/\\*.*?\\*/", "")
                .replaceAll("//[^\\n]*", "");
    }
}
