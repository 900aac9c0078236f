package dev.tenfold.cli;

import dev.tenfold.report.Compare;
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

    @Option(names = "--plots", paramLabel = "DIR", defaultValue = "plots", description = "Where compare.png goes.")
    Path plotsDir;

    @Override
    public Integer call() throws Exception {
        PlotCommand.requireReadable(files);
        try {
            System.out.println(Compare.run(files, plotsDir));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return Main.OK;
    }
}
