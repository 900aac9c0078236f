package dev.tenfold.cli;

import dev.tenfold.report.ResultRow;
import dev.tenfold.report.RunContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A run's verdict as a file beside its CSV ({@code results/<run id>.md}): the conditions it was
 * measured under, then the verdict and the cross-check exactly as printed. README and docs quote
 * figures from such a file, never from a terminal.
 */
final class RunReport {
    private RunReport() {
    }

    /** @param plotsWhere where the run's PNGs went, as the page should name it (beside the CSV: relative to it) */
    static Path write(Path csv, RunContext c, List<ResultRow> rows, String verdict, Duration took, String plotsWhere) throws IOException {
        Path md = csv.resolveSibling(csv.getFileName().toString().replaceAll("\\.csv$", ".md"));
        int forks = fewest(rows.stream().map(ResultRow::forks));
        int samples = fewest(rows.stream().map(ResultRow::samples));
        String text = String.format(Locale.ROOT, """
                # tenfold run %s

                - Machine: `%s`, %s, %d physical / %d logical cores (%d usable), %.1f GiB, %s
                - JDK: %s
                - Profile `%s`, suite commit `%s`, started %s, took %d min %02d s
                - %d rows; at least %d fork(s) and %d samples behind each
                - Files: [`%s`](%s), the raw JMH JSON beside it, plots in `%s`

                ```text
                %s
                ```
                """, c.runId(), c.host(), c.cpuModel(), c.physicalCores(), c.logicalCores(), c.usableCores(),
                c.memoryGb(), c.os(), c.jdk(), c.profile(), c.commit() == null ? "unknown" : c.commit(), c.timestamp(),
                took.toMinutes(), took.toSecondsPart(), rows.size(), forks, samples, csv.getFileName(),
                csv.getFileName(), plotsWhere, verdict.strip());
        Files.writeString(md, text);
        return md;
    }

    private static int fewest(java.util.stream.Stream<Integer> counts) {
        return counts.filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).min().orElse(0);
    }
}
