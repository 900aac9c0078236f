package dev.tenfold.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A run's report beside its CSV: {@code <run id>.md} (the conditions it was measured under, then the
 * verdict and the cross-check exactly as printed) and {@code <run id>.html}, the same with every
 * chart of the run embedded, so that the page reads offline and travels as one file. README and docs
 * quote figures from these files, never from a terminal.
 */
public final class RunReport {
    private RunReport() {
    }

    /** The two files written for one run. */
    public record Written(Path markdown, Path page) {
    }

    /**
     * @param plotsWhere where the run's PNGs went, as the report should name it (beside the CSV: relative to it)
     * @param pngs       the run's charts, embedded in the page in this order
     */
    public static Written write(Path csv, RunContext c, List<ResultRow> rows, String verdict, Duration took,
            String plotsWhere,
                                List<Path> pngs) throws IOException {
        List<String> conditions = conditions(csv, c, rows, took, plotsWhere);
        Path md = sibling(csv, ".md");
        Files.writeString(md, "# tenfold run " + c.runId() + "\n\n"
                + conditions.stream().map(line -> "- " + line + "\n").collect(Collectors.joining())
                + "\n```text\n" + verdict.strip() + "\n```\n");
        Path html = sibling(csv, ".html");
        Files.writeString(html, page(c, conditions, verdict, pngs));
        return new Written(md, html);
    }

    private static List<String> conditions(Path csv, RunContext c, List<ResultRow> rows, Duration took,
            String plotsWhere) {
        String name = csv.getFileName().toString();
        return List.of(
                String.format(Locale.ROOT,
                "Machine: `%s`, %s, %d physical / %d logical cores (%d usable), %.1f GiB, %s",
                        c.host(), c.cpuModel(), c.physicalCores(), c.logicalCores(), c.usableCores(), c.memoryGb(),
                        c.os()),
                "JDK: " + c.jdk(),
                String.format(Locale.ROOT, "Profile `%s`, suite commit `%s`, started %s, took %d min %02d s",
                c.profile(),
                        c.commit() == null ? "unknown" : c.commit(), c.timestamp(), took.toMinutes(),
                        took.toSecondsPart()),
                String.format(Locale.ROOT, "%d rows; at least %d fork(s) and %d samples behind each", rows.size(),
                        fewest(rows.stream().map(ResultRow::forks)), fewest(rows.stream().map(ResultRow::samples))),
                String.format(Locale.ROOT,
                "Files: [`%s`](%s), the raw JMH JSON beside it, latency logs in `%s/`, plots in `%s`",
                        name, name, name.replaceAll("\\.csv$", ""), plotsWhere));
    }

    private static String page(RunContext c, List<String> conditions, String verdict, List<Path> pngs) throws
            IOException {
        StringBuilder figures = new StringBuilder();
        for (Path png : pngs) {
            String file = png.getFileName().toString();
            figures.append(String.format(Locale.ROOT, """
                    <figure id="%s"><img src="data:image/png;base64,%s" alt="%s">\
                    <figcaption>%s</figcaption></figure>
                    """, escape(file.replaceAll("\\.png$", "")),
                    Base64.getEncoder().encodeToString(Files.readAllBytes(png)), escape(file), escape(file)));
        }
        String contents = pngs.stream().map(p -> p.getFileName().toString().replaceAll("\\.png$", ""))
                .map(id -> "<a href=\"#" + escape(id) + "\">" + escape(id) + "</a>")
                .collect(Collectors.joining(" · "));
        return String.format(Locale.ROOT, """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>tenfold run %1$s</title>
                <style>
                body { font-family: sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; }
                pre { font-size: 12px; overflow-x: auto; background: #f6f6f6; padding: 1em; }
                figure { margin: 2em 0; }
                img { max-width: 100%%; border: 1px solid #ddd; }
                figcaption { font-family: monospace; color: #555; }
                </style>
                </head>
                <body>
                <h1>tenfold run %1$s</h1>
                <ul>
                %2$s
                </ul>
                <h2>Verdict</h2>
                <pre>%3$s</pre>
                <h2>Charts</h2>
                <p>%4$s</p>
                %5$s</body>
                </html>
                """, escape(c.runId()), conditions.stream().map(line -> "<li>" + inlineCode(escape(line)) + "</li>")
                .collect(Collectors.joining("\n")), escape(verdict.strip()), pngs.isEmpty() ? "(no charts)" : contents,
                figures);
    }

    /** Markdown's `code` and [text](link) of a condition line, as HTML. */
    private static String inlineCode(String escaped) {
        return escaped.replaceAll("\\[`([^`]+)`\\]\\(([^)]+)\\)", "<a href=\"$2\"><code>$1</code></a>")
                .replaceAll("`([^`]+)`", "<code>$1</code>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static Path sibling(Path csv, String extension) {
        return csv.resolveSibling(csv.getFileName().toString().replaceAll("\\.csv$", extension));
    }

    private static int fewest(Stream<Integer> counts) {
        return counts.filter(Objects::nonNull).mapToInt(Integer::intValue).min().orElse(0);
    }
}
