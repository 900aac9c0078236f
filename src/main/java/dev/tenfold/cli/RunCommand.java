package dev.tenfold.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tenfold.backend.Backend;
import dev.tenfold.backend.BackendStubs;
import dev.tenfold.measure.WindowProfiler;
import dev.tenfold.measure.Environment;
import dev.tenfold.measure.LatencyLog;
import dev.tenfold.measure.MachineIdentity;
import dev.tenfold.measure.TrialWarmUp;
import dev.tenfold.model.PythonInterpreter;
import dev.tenfold.process.MeasuredJvm;
import dev.tenfold.report.CrossCheck;
import dev.tenfold.report.CsvFormat;
import dev.tenfold.vocabulary.Family;
import dev.tenfold.report.Plots;
import dev.tenfold.report.ResultRow;
import dev.tenfold.report.Rows;
import dev.tenfold.report.RunReport;
import dev.tenfold.report.RunContext;
import dev.tenfold.vocabulary.Variant;
import dev.tenfold.report.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The default command: start (or attach to) the backend, run the plan item by item under JMH with
 * the CPU profiler, and after every item rewrite the raw JSON and the tidy CSV, so an interrupted
 * run keeps all it measured. Ends with the verdict and the plots.
 */
@Command(name = "run-benchmarks.sh", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs the tenfold suite: does the right concurrency model make a program ~10x faster?",
        footer = {"", "Subcommands: compare A.csv B.csv [...]   plot A.csv"})
final class RunCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM_UP_MIN_CONCURRENCY = 200;
    /** The cross-check runs at the highest C of the I/O rows from this C on. */
    private static final int CROSS_CHECK_FROM = 1000;
    private static final int WARM_UP_MIN_ROUNDS = 4;
    private static final int WARM_UP_MAX_ROUNDS = 50;

    @Option(names = "--profile", paramLabel = "smoke|quick|full|article|latency", defaultValue = "quick",
            description = "smoke: every benchmark once, <= 3 min; quick (default): <= 10 min; full: 3 forks;"
                    + " article: the blog post's own cases (120 requests of 1 s, serial against C=10), in Java and "
                    + "Python, ~8 min;"
                    + " latency: the open loop, tasks arriving at a rate swept past each model's capacity, <= 10 min.")
    String profile;

    @Option(names = "--include", paramLabel = "REGEX", defaultValue = ".*",
            description = "Only plan items whose family/variant matches, e.g. 'io/(serial|virtual)'.")
    String include;

    @Option(names = "--backend-url", paramLabel = "URL",
            description = "Use this running WireMock instead of starting one (stubs go through its admin API).")
    String backendUrl;

    @Option(names = "--out", paramLabel = "FILE.csv",
            description = "Results CSV (default results/<host>-<yyyyMMdd-HHmmss>.csv); raw JMH JSON goes beside it.")
    Path out;

    @Option(names = "-p", paramLabel = "name=v1,v2",
            description = "Replace a sweep: " + RunParams.HELP + ".")
    List<String> params = new ArrayList<>();

    @Option(names = "--plots", paramLabel = "DIR", description =
            "Where PNGs go (default plots/<run_id>/: a run never touches another run's plots).")
    Path plotsDir;

    @Option(names = "--dry-run", description = "Print the plan and its estimated time; run nothing.")
    boolean dryRun;

    @Parameters(paramLabel = "JMH-OPTIONS", description = "After --: options for JMH itself, e.g. -- -prof gc -f 2"
            + " (forks, iterations, times, profilers, JVM arguments, timeout).")
    List<String> jmhArgs = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Profile chosen = parseProfile(profile);
        Pattern filter = parseInclude(include);
        MachineIdentity machine = MachineIdentity.current();
        int usableCores = Environment.usableCores();
        long physicalMb = Math.round(machine.memoryGb() * 1024);
        List<PlanItem> plan = new SuitePlan(chosen, parseParams(params), usableCores, physicalMb).items(filter);
        if (plan.isEmpty()) {
            throw new UsageException("--include '" + include + "' matches no benchmark (ids look like io/virtual)");
        }
        JmhPassThrough jmh = JmhPassThrough.parse(jmhArgs);
        Optional<PythonInterpreter> python = plan.stream().anyMatch(PlanItem::python) ? PythonInterpreter.find()
                : Optional.empty();
        if (plan.stream().anyMatch(PlanItem::python) && python.isEmpty()) {
            plan = plan.stream().filter(item -> !item.python()).toList();
            System.out.println("tenfold: no python3 >= 3.8 (set TENFOLD_PYTHON to one): the Python rows are skipped");
            if (plan.isEmpty()) {
                throw new UsageException("--include '" + include
                        + "' matches only Python rows, and there is no python3 >= 3.8");
            }
        }
        MemoryPlan memory = MemoryPlan.of(plan, physicalMb);
        if (!memory.fits()) {
            throw new UsageException(memory.refusal());
        }
        if (dryRun) {
            // each row with its share of the time, so that a plan over its budget shows where to cut
            plan.forEach(item -> System.out.printf(Locale.ROOT, "%s  (~%.1f min)%n", item.describe(),
                    new TimeEstimate(chosen, jmh, usableCores).seconds(item) / 60));
            System.out.printf(Locale.ROOT, "%d benchmarks, profile %s: about %.0f min; %s%n", plan.size(),
                    chosen.name().toLowerCase(Locale.ROOT), new TimeEstimate(chosen, jmh, usableCores).seconds(plan) /
                    60, memory.describe());
            return Main.OK;
        }
        Instant startedAt = Instant.now();
        LocalDateTime started = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        String runId = machine.fileSafeHost() + "-" + started.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path csv = out != null ? out : Plots.home().resolve("results").resolve(runId + ".csv");
        if (!csv.getFileName().toString().endsWith(".csv")) {
            throw new UsageException("--out must name a .csv file: " + csv);
        }
        if (Files.exists(csv)) {
            throw new UsageException("refusing to overwrite " + csv + ": choose another --out");
        }
        Path json = csv.resolveSibling(csv.getFileName().toString().replaceAll("\\.csv$", ".json"));
        RunContext context = contextNow(runId, chosen.name().toLowerCase(Locale.ROOT), machine, true);
        if (context.loadStart() != null && context.loadStart() > Environment.BUSY_LOAD) {
            System.out.printf(Locale.ROOT, "tenfold: WARNING: busy machine: load average %.2f per usable core at start"
                    + " (> %.1f); figures will be lower and noisier than on an idle machine%n",
                    context.loadStart(), Environment.BUSY_LOAD);
        }
        try (SupervisedBackend supervised = new SupervisedBackend(openBackend())) {
            Backend backend = supervised.current();
            if (!backend.hasTenfoldExtensions()) {
                plan = plan.stream().filter(item -> !item.family().needsTenfoldBackend()).toList();
                String needTenfold =
                        Arrays.stream(Family.values()).filter(Family::needsTenfoldBackend).map(Family::toString)
                        .collect(java.util.stream.Collectors.joining(" and "));
                System.out.println("tenfold: " + backend.url() + " is a plain WireMock: the " + needTenfold
                        + " families need tenfold's backend and are left out");
                if (plan.isEmpty()) {
                    throw new UsageException("nothing to run against the plain WireMock at " + backend.url()
                            + " (the " + needTenfold + " families need tenfold's own backend)");
                }
            }
            System.out.printf("tenfold: profile %s, %d benchmark runs, %d usable of %d logical cores (%s), backend "
                    + "%s, results %s%n",
                    context.profile(), plan.size(), usableCores, machine.logicalCores(), context.cpuPolicy(),
                    backend.url(), csv);
            if (plan.stream().anyMatch(item -> item.family() != Family.CPU)) {
                // the CPU family never calls the backend; smoke warms it briefly (its budget is 3 minutes)
                warmUp(backend, plan, chosen == Profile.SMOKE ? WARM_UP_MIN_ROUNDS : WARM_UP_MAX_ROUNDS);
            }
            python.ifPresent(p -> System.out.println("tenfold: Python rows on " + p.command() + " " + p.version()));
            List<String> failures = runPlan(plan, chosen, jmh, supervised, context, csv, json, python, physicalMb);
            backend = supervised.current(); // a new one, when the first died
            List<ResultRow> rows = Files.exists(json) ? Rows.fromJmhJson(json, context) : List.of();
            String crossCheck = supervised.death() == null ?
                    crossCheck(rows.stream().filter(r -> !r.python() && !r.openLoop()).toList(), backend) : null;
            String verdict = Verdict.render(rows) + (crossCheck == null ? "" : "\n" + crossCheck);
            System.out.println();
            System.out.println(verdict);
            // with --out, everything the run writes goes beside its CSV (SPEC); else plots/<run id>/
            Path plots = plotsDir != null ? plotsDir : out != null ? LatencyLog.directoryBeside(csv).resolve("plots")
                    : Plots.runDirectory(runId);
            String plotsWhere = plotsDir == null && out == null ? "plots/" + runId + "/"
                    : plots.toAbsolutePath().startsWith(csv.toAbsolutePath().getParent())
                    ? csv.toAbsolutePath().getParent().relativize(plots.toAbsolutePath()) + "/" : plots.toAbsolutePath()
                    + "/";
            if (!rows.isEmpty()) {
                List<Path> pngs = Plots.draw(rows, plots, context.profile(), LatencyLog.directoryBeside(csv));
                RunReport.Written report = RunReport.write(csv, context, rows, verdict,
                        Duration.between(startedAt, Instant.now()),
                        plotsWhere, pngs);
                System.out.println("Results: " + csv + " (raw JMH JSON: " + json + ")");
                System.out.println("Verdict: " + report.markdown() + "; page with every chart: " + report.page());
                System.out.println("Plots:   " + pngs);
            }
            if (!failures.isEmpty()) {
                System.err.println("tenfold: " + failures.size() + " benchmark run(s) failed: " + failures);
                return Main.FAILED;
            }
            return Main.OK;
        }
    }

    private List<String> runPlan(List<PlanItem> plan, Profile chosen, JmhPassThrough jmh, SupervisedBackend backend,
                                 RunContext context, Path csv, Path json, Optional<PythonInterpreter> python,
                                 long physicalMb)
            throws IOException, InterruptedException {
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
                        new Runner(jmh.applyTo(options(item, chosen, backend.current(), itemJson, itemLogs, python,
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
                    warmUp(backend.current(), plan, WARM_UP_MIN_ROUNDS);
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

    private static ChainedOptionsBuilder options(PlanItem item, Profile chosen, Backend backend, Path itemJson,
            Path itemLogs,
                                                 Optional<PythonInterpreter> python, int heapMb) {
        List<String> jvmArgs = new ArrayList<>(MeasuredJvm.heapAndGc(heapMb));
                // the workers' too (asThisJvm): same heap, same GC
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

    /**
     * This machine, now, as the context of a run called {@code runId}; {@code startsNow}: the load
     * average and the suite's commit are the run's own (not for a run that happened before, as a
     * bare JMH JSON's).
     */
    static RunContext contextNow(String runId, String profile, MachineIdentity machine, boolean startsNow) {
        return new RunContext(runId, OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                machine.host(), machine.os(), machine.cpuModel(), machine.physicalCores(), machine.logicalCores(),
                machine.memoryGb(), machine.jdk(), profile, Environment.usableCores(),
                startsNow ? Environment.loadPerCore() : null, Environment.cpuPolicy(),
                startsNow ? SuiteCommit.of(Plots.home()) : null);
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

    /**
     * Warms the backend, and this JVM's plain client for the cross-check, before the first
     * measurement: a cold WireMock JVM serves a fraction of its warm rate, and it serves every
     * benchmark of the run. The plain client loops at the highest C of the plan's I/O rows (at
     * least {@value #WARM_UP_MIN_CONCURRENCY}) and the plan's latency, in rounds of 1 s, until three
     * rounds agree within 5% (at least {@value #WARM_UP_MIN_ROUNDS} rounds, at most
     * {@code maxRounds}).
     */
    private static void warmUp(Backend backend, List<PlanItem> plan, int maxRounds) throws IOException,
            InterruptedException {
        int latency = ioLatency(plan);
        BackendStubs.installItem(backend.url(), latency);
        int concurrency = Math.max(WARM_UP_MIN_CONCURRENCY, topIoConcurrency(plan));
        List<Double> rates;
        long failures;
        try (PlainClientCheck loop = new PlainClientCheck(backend.url(), concurrency, latency, false)) {
            rates = loop.untilSteady(1.0, WARM_UP_MIN_ROUNDS, maxRounds);
            failures = loop.failures();
        }
        if (failures > 0) {
            throw new IOException("the backend failed " + failures + " warm-up requests");
        }
        System.out.printf(Locale.ROOT, "tenfold: backend warmed up at C=%d for %d s, %s (last rounds %s requests/s)%n",
                concurrency, rates.size(), PlainClientCheck.steady(rates) ? "until its rate was steady"
                : "its rate NOT yet steady",
                rates.subList(Math.max(0, rates.size() - 3), rates.size()).stream()
                        .map(r -> String.format(Locale.ROOT, "%.0f",
                        r)).collect(java.util.stream.Collectors.joining(", ")));
    }

    /** The highest C of the plan's concurrent I/O rows; 0 when it has none. */
    private static int topIoConcurrency(List<PlanItem> plan) {
        return plan.stream().filter(i -> i.family() == Family.IO && i.variant() != Variant.SERIAL)
                .mapToInt(PlanItem::concurrency).max().orElse(0);
    }

    private static int ioLatency(List<PlanItem> plan) {
        return plan.stream().map(i -> i.params().latencyMs()).filter(java.util.Objects::nonNull)
                .mapToInt(Integer::intValue).findFirst().orElse(SuitePlan.DEFAULT_LATENCY_MS);
    }

    /**
     * The I/O cross-check at the highest C of the measured I/O rows, when that is 1000 or more
     * (below, on 2 cores, both sides sit on Little's law and prove nothing): a plain blocking loop on virtual
     * threads and a plain chain of sendAsync, each 2 rounds to settle, then 4 measured rounds of
     * 2 s, against the suite's {@code virtual} and {@code async} rows. Null when there is nothing
     * to check.
     */
    private static String crossCheck(List<ResultRow> rows, Backend backend) throws InterruptedException {
        ResultRow top = rows.stream().filter(r -> r.family() == Family.IO && r.concurrency() != null
                        && r.concurrency() >= CROSS_CHECK_FROM && r.latencyMs() != null)
                .max(java.util.Comparator.comparing(ResultRow::concurrency)).orElse(null);
        if (top == null) {
            return null;
        }
        BackendStubs.installItem(backend.url(), top.latencyMs());
        System.out.printf("%ntenfold: cross-check: plain HttpClient loops at C=%d, no JMH ...%n", top.concurrency());
        Map<Variant, double[]> plain = new LinkedHashMap<>();
        Map<Variant, Long> failures = new LinkedHashMap<>();
        for (Variant style : List.of(Variant.VIRTUAL, Variant.ASYNC)) {
            try (PlainClientCheck loop = new PlainClientCheck(backend.url(), top.concurrency(), top.latencyMs(),
                    style == Variant.ASYNC)) {
                for (int i = 0; i < 2; i++) {
                    loop.round(2.0);
                }
                long failuresBefore = loop.failures();
                double[] rates = new double[4];
                for (int i = 0; i < rates.length; i++) {
                    rates[i] = loop.round(2.0);
                }
                plain.put(style, rates);
                failures.put(style, loop.failures() - failuresBefore);
            }
        }
        return CrossCheck.render(rows, top.concurrency(), plain, 2.0, failures);
    }

    private Backend openBackend() throws IOException {
        if (backendUrl == null) {
            return Backend.start();
        }
        try {
            return Backend.attach(backendUrl);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException(e.getCause() == null ? e.getMessage() : e.getMessage() + ": "
                    + describe(e.getCause()));
        }
    }

    static Profile parseProfile(String name) {
        try {
            return Profile.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown profile '" + name + "' (smoke, quick, full, article or latency)");
        }
    }

    static Pattern parseInclude(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new UsageException("--include is not a valid regular expression: " + e.getDescription());
        }
    }

    static Map<String, List<String>> parseParams(List<String> raw) {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (String p : raw) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new UsageException("-p expects name=v1,v2 but got '" + p + "'");
            }
            parsed.put(p.substring(0, eq), Arrays.asList(p.substring(eq + 1).split(",")));
        }
        return parsed;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return describe(root);
    }

    /** Class and message; HttpClient's ConnectException often carries no message, and its class says it all. */
    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }
}
