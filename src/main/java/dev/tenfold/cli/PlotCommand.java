package dev.tenfold.cli;

import dev.tenfold.measure.LatencyLog;
import dev.tenfold.measure.MachineIdentity;
import dev.tenfold.report.CsvFormat;
import dev.tenfold.report.Plots;
import dev.tenfold.report.ResultRow;
import dev.tenfold.report.Rows;
import dev.tenfold.report.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code plot A.csv}: (re)draws the plots of one results CSV and prints its verdict again. {@code
 * plot A.json} does the same for the JSON of a bare JMH run ({@code java -jar target/benchmarks.jar
 * ... -rf json -rff A.json}): its rows get this machine's identity and the run id {@code A}, and
 * without {@code -prof dev.tenfold.measure.WindowProfiler} they have no CPU, memory or task counts.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draws the plots of one results CSV, or of a bare JMH run's JSON, and prints its verdict.")
final class PlotCommand implements Callable<Integer> {
    @Parameters(arity = "1", paramLabel = "FILE.csv|FILE.json")
    Path file;

    @Option(names = "--plots", paramLabel = "DIR", description =
            "Where the PNGs go (default plots/<run_id>/ of the CSV).")
    Path plotsDir;

    @Override
    public Integer call() throws Exception {
        requireReadable(List.of(file));
        try {
            List<ResultRow> rows = file.getFileName().toString().endsWith(".json") ? fromJmhJson(file)
                    : CsvFormat.read(file);
            System.out.println(Verdict.render(rows));
            Path dir = plotsDir != null ? plotsDir : rows.isEmpty() ? Plots.runDirectory("empty")
                    : Plots.runDirectory(rows.get(0).runId());
            System.out.println("Plots: " + Plots.draw(rows, dir,
                    rows.isEmpty() || rows.get(0).profile() == null ? "csv" : rows.get(0).profile(),
                    LatencyLog.directoryBeside(file)));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return Main.OK;
    }

    private static List<ResultRow> fromJmhJson(Path json) throws java.io.IOException {
        String runId = json.getFileName().toString().replaceAll("\\.json$", "");
        try {
            return Rows.fromJmhJson(json, RunCommand.contextNow(runId, "jmh", MachineIdentity.current(), false));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UsageException(json + " is not a JMH JSON result: " + e.getOriginalMessage());
        }
    }

    static void requireReadable(List<Path> files) {
        for (Path f : files) {
            if (!Files.isReadable(f)) {
                throw new UsageException("cannot read " + f);
            }
        }
    }
}
