package dev.tenfold.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tenfold.backend.Backend;
import dev.tenfold.measure.Environment;
import dev.tenfold.measure.LatencyLog;
import dev.tenfold.measure.TrialWarmUp;
import dev.tenfold.measure.WindowProfiler;
import dev.tenfold.model.PythonInterpreter;
import dev.tenfold.process.MeasuredJvm;
import dev.tenfold.report.CsvFormat;
import dev.tenfold.report.Rows;
import dev.tenfold.report.RunContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs a plan, one JMH run per row, each row's JSON and latency logs joining the run's only once
 * the row is whole: what was measured is saved after every row, and a failed row loses nothing
 * measured before it.
 */
final class PlanRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<PlanItem> plan;
    private final Profile chosen;
    private final JmhPassThrough jmh;
    private final SupervisedBackend backend;
    private final Optional<PythonInterpreter> python;
    private final long physicalMb;

    PlanRunner(List<PlanItem> plan, Profile chosen, JmhPassThrough jmh, SupervisedBackend backend,
               Optional<PythonInterpreter> python, long physicalMb) {
        this.plan = plan;
        this.chosen = chosen;
        this.jmh = jmh;
        this.backend = backend;
        this.python = python;
        this.physicalMb = physicalMb;
    }

    /**
     * Runs the plan into {@code json} and {@code csv} (rewritten after every row) and returns what failed;
     * a backend that dies under a row is restarted once and the row run again.
     */
    List<String> run(RunContext context, Path csv, Path json) throws IOException, InterruptedException {
        Files.createDirectories(csv.toAbsolutePath().getParent());
        ArrayNode all = JSON.createArrayNode();
        List<String> failures = new ArrayList<>();
        Progress progress = new Progress(System.out, plan.size(),
                new TimeEstimate(chosen, jmh, Environment.usableCores()).seconds(plan) / plan.size());
        Path itemJson = Files.createTempFile("tenfold-item", ".json");
        itemJson.toFile().deleteOnExit(); // also after Ctrl-C, when the finally below never runs
        // An item's latency logs land beside its JSON first, and join the run's only with its row.
        Path itemLogs = Files.createTempDirectory("tenfold-item-latency");
        itemLogs.toFile().deleteOnExit();
        Path logs = LatencyLog.directoryBeside(csv);
        try {
            for (int i = 0; i < plan.size(); i++) {
                PlanItem item = plan.get(i);
                progress.starting(i, item.describe());
                for (int attempt = 1; ; attempt++) {
                    Files.deleteIfExists(itemJson);
                    deleteFiles(itemLogs);
                    try {
                        new Runner(jmh.applyTo(options(item, backend.current(), itemJson, itemLogs,
                                MemoryPlan.heapMb(item, physicalMb))).build()).run();
                        if (backend.death() == null) { // a backend that died mid-measurement leaves a row of errors
                            int saved = all.size();
                            List<Path> moved = moveFiles(itemLogs, logs);
                            if (Files.exists(itemJson)) {
                                JSON.readTree(itemJson.toFile()).forEach(all::add);
                            }
                            try {
                                saveSoFar(all, context, csv, json);
                            } catch (IllegalStateException unaccounted) {
                                // a row that loses tasks is a bug to report, not a reason to lose the run
                                while (all.size() > saved) {
                                    all.remove(all.size() - 1);
                                }
                                for (Path log : moved) {
                                    Files.deleteIfExists(log);
                                }
                                saveSoFar(all, context, csv, json);
                                failures.add(item.describe() + ": " + unaccounted.getMessage() + " (row left out)");
                                System.out.println("tenfold: " + unaccounted.getMessage() + ": the row is left out");
                            }
                            break;
                        }
                    } catch (RunnerException e) {
                        if (backend.death() == null) {
                            failures.add(item.describe() + ": " + rootMessage(e));
                            break;
                        }
                    }
                    // The backend died under this item: it failed, or measured a row of errors.
                    String death = backend.death();
                    System.out.println("tenfold: " + death + ", under " + item.describe());
                    if (attempt > 1 || !backend.restartable()) {
                        failures.add(item.describe() + ": " + death
                                + (attempt > 1 ? " again: run stopped" : ": run stopped"));
                        return failures;
                    }
                    backend.restart();
                    System.out.println("tenfold: started a new backend at " + backend.current().url() + "; running "
                            + item.describe() + " again");
                    BackendChecks.warmUp(backend.current(), plan, BackendChecks.WARM_UP_MIN_ROUNDS);
                }
            }
        } finally {
            Files.deleteIfExists(itemJson);
            deleteFiles(itemLogs);
            Files.deleteIfExists(itemLogs);
        }
        return failures;
    }

    /** Where a run that writes {@code A.csv} keeps its HdrHistogram logs: {@code A/}, beside it. */
    private static List<Path> moveFiles(Path from, Path to) throws IOException {
        List<Path> moved = new ArrayList<>();
        try (var files = Files.list(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.createDirectories(to);
                moved.add(Files.move(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING));
            }
        }
        return moved;
    }

    private static void deleteFiles(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** JMH's options for one row: its benchmark and parameters, the profile's iterations, the fork's flags. */
    private ChainedOptionsBuilder options(PlanItem item, Backend backend, Path itemJson, Path itemLogs, int heapMb) {
        // the workers' too (asThisJvm): same heap, same GC
        List<String> jvmArgs = new ArrayList<>(MeasuredJvm.heapAndGc(heapMb));
        jvmArgs.addAll(List.of("-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED",
                "-D" + Backend.URL_PROPERTY + "=" + backend.url()));
        backend.pid().ifPresent(pid -> jvmArgs.add("-D" + Backend.PID_PROPERTY + "=" + pid));
        python.ifPresent(p -> jvmArgs.add("-D" + PythonInterpreter.PROPERTY + "=" + p.command()));
        python.ifPresent(p -> jvmArgs.add("-D" + Rows.PYTHON_VERSION_PROPERTY + "=" + p.version()));
        jvmArgs.add("-D" + TrialWarmUp.SECONDS_PROPERTY + "=" + chosen.warmupCapSeconds);
        jvmArgs.add("-D" + WindowProfiler.BACKGROUND_MILLIS_PROPERTY + "=" + chosen.backgroundMillis());
        jvmArgs.add("-D" + LatencyLog.DIRECTORY_PROPERTY + "=" + itemLogs.toAbsolutePath());
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + Pattern.quote(item.benchmark()) + "$")
                .forks(chosen.forks)
                .warmupIterations(chosen.warmupIterations)
                .warmupTime(TimeValue.milliseconds(Math.max(1, chosen.warmupMillis)))
                .measurementIterations(item.samples() > 0 ? item.samples() : chosen.measurementIterations)
                .measurementTime(TimeValue.milliseconds(chosen.measurementMillis))
                .addProfiler(WindowProfiler.class)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(itemJson.toString());
        item.params().jmhParams().forEach(options::param);
        return options;
    }

    /** Rewrites this run's JSON and CSV with everything measured so far (temp file, then rename). */
    private static void saveSoFar(ArrayNode all, RunContext context, Path csv, Path json) throws IOException {
        Path jsonTmp = json.resolveSibling(json.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(jsonTmp.toFile(), all);
        Files.move(jsonTmp, json, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path csvTmp = csv.resolveSibling(csv.getFileName() + ".tmp");
        Files.deleteIfExists(csvTmp);
        CsvFormat.write(csvTmp, Rows.fromJmhJson(json, context));
        Files.move(csvTmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return RunCommand.describe(root);
    }
}
