package dev.tenfold.cli;

import dev.tenfold.measure.MachineIdentity;
import dev.tenfold.report.Calibration;
import dev.tenfold.report.CsvFormat;
import dev.tenfold.report.Plots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code calibrate [run options]}: runs the same rows three times, A and B as given and C against
 * a backend 10% slower, and reports whether the 99% intervals and compare's marks mean what they
 * say (see {@link Calibration}). The three CSVs and {@code calibration.md} go to one directory.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Runs the same rows twice, then once more against a 10%% slower backend, and reports the"
                + " intervals' coverage and compare's marks (A/A and A/B). Takes the run's options"
                + " (--profile, --include, -p, --backend-url, -- JMH options).")
final class CalibrateCommand implements Callable<Integer> {
    /** How much slower the backend of run C answers. */
    static final double SLOWER = 1.10;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where the runs and calibration.md go (default results/calibrate-<host>-<yyyyMMdd-HHmmss>/).")
    Path dir;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Print the calibration of the three runs already in DIR (a.csv, b.csv, c.csv); run nothing.")
    Path reportOnly;

    @CommandLine.Unmatched
    List<String> runOptions = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        for (String refused : List.of("--out", "--plots", "--dry-run")) {
            if (runOptions.stream().anyMatch(o -> o.equals(refused) || o.startsWith(refused + "="))) {
                throw new UsageException("calibrate chooses " + refused + " itself (see --dir)");
            }
        }
        if (reportOnly != null) {
            for (String run : List.of("a", "b", "c")) {
                if (!Files.isReadable(reportOnly.resolve(run + ".csv"))) {
                    throw new UsageException("--report " + reportOnly + ": no " + run + ".csv there");
                }
            }
            return report(reportOnly);
        }
        int latency = baseLatency();
        Path home = dir != null ? dir : Plots.home().resolve("results").resolve("calibrate-"
                + MachineIdentity.current().fileSafeHost() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (Files.exists(home.resolve("a.csv"))) {
            throw new UsageException("refusing to overwrite the calibration in " + home + ": choose another --dir");
        }
        Files.createDirectories(home);
        int slowerLatency = (int) Math.round(latency * SLOWER);
        List<String> given = withoutLatency(runOptions);
        for (String run : List.of("a", "b", "c")) {
            int runLatency = run.equals("c") ? slowerLatency : latency;
            List<String> args = new ArrayList<>(List.of("-p", "latencyMs=" + runLatency, "--out",
                    home.resolve(run + ".csv").toString(), "--plots", home.resolve("plots-" + run).toString()));
            args.addAll(given); // after ours: JMH options after -- stay last
            System.out.printf(Locale.ROOT, "tenfold calibrate: run %s of 3, latency %d ms%n",
                    run.toUpperCase(Locale.ROOT), runLatency);
            int status = Main.execute(args.toArray(String[]::new));
            if (status == Main.USAGE) {
                return status; // the run said why, in one line
            }
            if (status != Main.OK) {
                System.err.println("tenfold calibrate: run " + run + " ended with exit code " + status
                        + "; what it measured is in " + home);
                return status;
            }
        }
        return report(home);
    }

    /** Computes the calibration of the three runs in {@code home}, prints it and writes calibration.md beside them. */
    private static int report(Path home) throws java.io.IOException {
        String report = Calibration.render(CsvFormat.read(home.resolve("a.csv")),
                CsvFormat.read(home.resolve("b.csv")), CsvFormat.read(home.resolve("c.csv")));
        Files.writeString(home.resolve("calibration.md"), "# tenfold calibration\n\n```text\n" + report + "```\n");
        System.out.println(report);
        System.out.println("Calibration: " + home.resolve("calibration.md"));
        return Main.OK;
    }

    /** The run options without {@code -p latencyMs=...}, which calibrate sets for each run. */
    private static List<String> withoutLatency(List<String> options) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            if (o.equals("-p") && i + 1 < options.size() && options.get(i + 1).startsWith("latencyMs=")) {
                i++;
            } else if (!o.startsWith("-platencyMs=")) {
                kept.add(o);
            }
        }
        return kept;
    }

    /** The latency runs A and B use: the one value of {@code -p latencyMs=}, else the plan's 50 ms. */
    private int baseLatency() {
        for (int i = 0; i < runOptions.size(); i++) {
            String o = runOptions.get(i);
            String value = o.equals("-p") && i + 1 < runOptions.size() ? runOptions.get(i + 1)
                    : o.startsWith("-p") ? o.substring(2) : null;
            if (value != null && value.startsWith("latencyMs=")) {
                String v = value.substring("latencyMs=".length());
                if (!v.matches("[1-9][0-9]{0,5}")) {
                    throw new UsageException("calibrate takes one latency, -p latencyMs=N, got '" + v + "'");
                }
                return Integer.parseInt(v);
            }
        }
        return 50;
    }
}
