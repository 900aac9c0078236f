package dev.tenfold.cli;

import dev.tenfold.report.Compare;
import dev.tenfold.report.Plots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compare A.csv B.csv [...]}: throughput per machine, ratios against the first, geometric means. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compares result CSVs from different machines (ratios against the first file).")
final class CompareCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "FILE.csv")
    List<Path> files;

    @Option(names = "--plots", paramLabel = "DIR", description =
            "Where compare.png goes (default plots/compare-<yyyyMMdd-HHmmss>/).")
    Path plotsDir;

    @Override
    public Integer call() throws Exception {
        PlotCommand.requireReadable(files);
        try {
            String now = java.time.LocalDateTime.now()
                    .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            System.out.println(Compare.run(files, plotsDir != null ? plotsDir : Plots.runDirectory("compare-" + now)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return Main.OK;
    }
}
