package dev.tenfold.cli;

import dev.tenfold.backend.Backend;
import dev.tenfold.measure.Environment;
import dev.tenfold.measure.LatencyLog;
import dev.tenfold.measure.MachineIdentity;
import dev.tenfold.model.PythonInterpreter;
import dev.tenfold.vocabulary.Family;
import dev.tenfold.report.Plots;
import dev.tenfold.report.ResultRow;
import dev.tenfold.report.Rows;
import dev.tenfold.report.RunReport;
import dev.tenfold.report.RunContext;
import dev.tenfold.report.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Option(names = "--profile", paramLabel = "smoke|quick|full|article|latency", defaultValue = "quick",
            description = "smoke: every benchmark once, <= 3 min; quick (default): <= 10 min; full: 3 forks;"
                    + " article: the blog post's own cases (120 requests of 1 s, serial against C=10), in Java"
                    + " and Python, ~8 min;"
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
            System.out.printf("tenfold: profile %s, %d benchmark runs, %d usable of %d logical cores (%s),"
                    + " backend %s, results %s%n",
                    context.profile(), plan.size(), usableCores, machine.logicalCores(), context.cpuPolicy(),
                    backend.url(), csv);
            if (plan.stream().anyMatch(item -> item.family() != Family.CPU)) {
                // the CPU family never calls the backend; smoke warms it briefly (its budget is 3 minutes)
                BackendChecks.warmUp(backend, plan, chosen == Profile.SMOKE ? BackendChecks.WARM_UP_MIN_ROUNDS
                        : BackendChecks.WARM_UP_MAX_ROUNDS);
            }
            python.ifPresent(p -> System.out.println("tenfold: Python rows on " + p.command() + " " + p.version()));
            List<String> failures = new PlanRunner(plan, chosen, jmh, supervised, python, physicalMb).run(context, csv,
                    json);
            backend = supervised.current(); // a new one, when the first died
            List<ResultRow> rows = Files.exists(json) ? Rows.fromJmhJson(json, context) : List.of();
            String crossCheck = supervised.death() == null ?
                    BackendChecks.crossCheck(rows.stream().filter(r -> !r.python() && !r.openLoop()).toList(), backend)
                    : null;
            String verdict = Verdict.render(rows) + (crossCheck == null ? "" : "\n" + crossCheck);
            System.out.println();
            System.out.println(verdict);
            // with --out, everything the run writes goes beside its CSV (SPEC); else plots/<run id>/
            Path plots = plotsDir != null ? plotsDir : out != null ? LatencyLog.directoryBeside(csv).resolve("plots")
                    : Plots.runDirectory(runId);
            String plotsWhere = plotsDir == null && out == null ? "plots/" + runId + "/"
                    : plots.toAbsolutePath().startsWith(csv.toAbsolutePath().getParent())
                    ? csv.toAbsolutePath().getParent().relativize(plots.toAbsolutePath()) + "/"
                    : plots.toAbsolutePath() + "/";
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

    /** Class and message; HttpClient's ConnectException often carries no message, and its class says it all. */
    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }
}
