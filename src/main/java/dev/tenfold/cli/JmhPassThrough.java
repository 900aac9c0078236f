package dev.tenfold.cli;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Variant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.ProfilerConfig;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH options given after {@code --} ({@code ./run-benchmarks.sh -- -prof gc -f 2}), parsed by
 * JMH's own parser and laid over each plan item's options: forks, warm-up and measurement
 * iterations and times, extra profilers (beside the suite's), JVM arguments, the iteration timeout.
 * What the suite decides itself (which benchmarks, parameters, the result file, threads, modes) is
 * refused, with the suite's own option where there is one; nothing is silently dropped.
 */
final class JmhPassThrough {
    private final CommandLineOptions options;

    private JmhPassThrough(CommandLineOptions options) {
        this.options = options;
    }

    static JmhPassThrough parse(List<String> args) {
        CommandLineOptions parsed;
        try {
            parsed = new CommandLineOptions(args.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            throw new UsageException("bad JMH option after --: " + e.getMessage());
        }
        if (!parsed.getIncludes().isEmpty() || !parsed.getExcludes().isEmpty()) {
            throw new UsageException("JMH benchmark patterns after -- are not taken: use --include 'family/variant'");
        }
        if (args.stream().anyMatch(a -> a.startsWith("-p") && !a.startsWith("-prof"))) {
            throw new UsageException("JMH -p after -- is not taken: use the suite's -p before --");
        }
        if (parsed.getForkCount().hasValue() && parsed.getForkCount().get() == 0) {
            throw new UsageException("JMH -f 0 after -- is not taken: every benchmark needs a JVM of its own (the backend's"
                    + " address, the heap flags)");
        }
        List<String> ignored = new ArrayList<>();
        if (parsed.getThreads().hasValue() || parsed.getThreadGroups().hasValue()) {
            ignored.add("-t/-tg (tasks in flight are the suite's -p concurrency)");
        }
        if (parsed.getWarmupForkCount().hasValue() || parsed.getWarmupMode().hasValue() || !parsed.getWarmupIncludes().isEmpty()) {
            ignored.add("-wf/-wm/-wmb");
        }
        if (!parsed.getBenchModes().isEmpty() || parsed.getTimeUnit().hasValue() || parsed.getOperationsPerInvocation().hasValue()
                || parsed.getMeasurementBatchSize().hasValue() || parsed.getWarmupBatchSize().hasValue()) {
            ignored.add("-bm/-tu/-opi/-bs/-wbs (the suite counts tasks per second in Throughput mode)");
        }
        if (!ignored.isEmpty()) {
            throw new UsageException("JMH options after -- the suite does not pass on: " + String.join(", ", ignored));
        }
        if (parsed.getResult().hasValue() || parsed.getResultFormat().hasValue() || parsed.getOutput().hasValue()) {
            throw new UsageException("JMH -rf/-rff/-o after -- are not taken: the run writes results/<run_id>.json itself (--out)");
        }
        if (parsed.shouldHelp() || parsed.shouldList() || parsed.shouldListWithParams() || parsed.shouldListProfilers()
                || parsed.shouldListResultFormats()) {
            throw new UsageException("JMH -h/-l/-lp/-lprof/-lrf after -- are not taken: run java -jar target/benchmarks.jar with them");
        }
        return new JmhPassThrough(parsed);
    }

    /** The item's options with the pass-through laid over them. */
    ChainedOptionsBuilder applyTo(ChainedOptionsBuilder item) {
        ifSet(options.getForkCount(), item::forks);
        ifSet(options.getWarmupIterations(), item::warmupIterations);
        ifSet(options.getWarmupTime(), item::warmupTime);
        ifSet(options.getMeasurementIterations(), item::measurementIterations);
        ifSet(options.getMeasurementTime(), item::measurementTime);
        ifSet(options.getTimeout(), item::timeout);
        ifSet(options.getJvm(), item::jvm);
        ifSet(options.getJvmArgs(), args -> item.jvmArgs(args.toArray(String[]::new)));
        ifSet(options.getJvmArgsPrepend(), args -> item.jvmArgsPrepend(args.toArray(String[]::new)));
        ifSet(options.getJvmArgsAppend(), args -> item.jvmArgsAppend(concat(item.build().getJvmArgsAppend().orElse(List.of()), args)));
        for (ProfilerConfig profiler : options.getProfilers()) {
            item.addProfiler(profiler.getKlass(), profiler.getOpts());
        }
        return item;
    }

    /** JMH's Optional has no ifPresent. */
    private static <T> void ifSet(org.openjdk.jmh.util.Optional<T> value, java.util.function.Consumer<T> apply) {
        if (value.hasValue()) {
            apply.accept(value.get());
        }
    }

    private static String[] concat(Collection<String> suite, Collection<String> user) {
        List<String> all = new ArrayList<>(suite);
        all.addAll(user);
        return all.toArray(String[]::new);
    }

    /**
     * Rough seconds of a plan item on {@code usableCores}: JVM start and set-up, the warm-up (until the
     * JIT is done, within the cap), the idle windows, JMH's iterations (forks and iterations as passed
     * through, else the profile's), each at least one whole batch: a batch of N requests of latency
     * L with C in flight takes N L / C.
     */
    double estimatedSeconds(Profile profile, PlanItem item, int usableCores) {
        int forks = options.getForkCount().orElse(profile.forks);
        double batch = item.minimumBatchSeconds();
        double warmup = options.getWarmupIterations().orElse(profile.warmupIterations)
                * Math.max(batch, seconds(options.getWarmupTime().orElse(TimeValue.milliseconds(profile.warmupMillis))));
        // as RunCommand runs it: the item's samples (else the profile's), unless -i after -- says otherwise
        int samples = options.getMeasurementIterations().orElse(item.samples() > 0 ? item.samples() : profile.measurementIterations);
        double measured = samples * (Math.max(batch, seconds(options.getMeasurementTime()
                .orElse(TimeValue.milliseconds(profile.measurementMillis)))) + 0.15);
        // The set-up warm-up: the twin's calls, then >= 4 s of the task itself, until the JIT is done.
        // On few cores the JIT's own threads set its length (2 cores: every quick row of
        // vm-20261203-212814 ran to its 15 s cap); the whole cap where it cannot end sooner (on 2
        // cores: I/O at C >= 1000, and pools of 4+ worker JVMs, each warming its own JIT).
        double jitSeconds = usableCores <= FEW_CORES ? FEW_CORES_JIT_SECONDS : 0;
        double settle = toTheCap(item) ? profile.warmupCapSeconds
                : Math.min(profile.warmupCapSeconds, Math.max(3 * batch + 10, jitSeconds));
        // a stream (resilience's virtual, the open loop) also runs a second unmeasured before JMH's iterations
        double streamSettle = item.openLoop() || (item.family() == Family.RESILIENCE && item.variant() == Variant.VIRTUAL) ? 1 : 0;
        return Math.max(1, forks) * (FORK_START_SECONDS + settle + 2 * profile.backgroundMillis() / 1000.0 + streamSettle
                + warmup + measured + item.backlogSeconds(streamSettle + warmup + measured));
    }

    /** A fork's start, set-up and tear-down outside its warm-up and windows (seen about 2 s on 2 cores). */
    private static final double FORK_START_SECONDS = 3;
    /** Up to this many cores, the JIT of a fork (an HttpClient's path) takes about the next constant. */
    private static final int FEW_CORES = 4;
    private static final double FEW_CORES_JIT_SECONDS = 16;

    private static boolean toTheCap(PlanItem item) {
        int concurrency = Integer.parseInt(item.params().getOrDefault("concurrency", "1"));
        int workers = Integer.parseInt(item.params().getOrDefault("workers", "1"));
        return !item.python() && ((item.family() == Family.IO && concurrency >= 1000) || (item.variant().usesWorkerProcesses() && workers >= 4));
    }

    /** Rough seconds of a whole plan, with the backend's warm-up before its first item (seen: 19 s on 2 cores). */
    double estimatedSeconds(Profile profile, List<PlanItem> plan, int usableCores) {
        double backendWarmUp = plan.stream().anyMatch(item -> item.family() != Family.CPU) ? BACKEND_WARM_UP_SECONDS : 0;
        return backendWarmUp + plan.stream().mapToDouble(item -> estimatedSeconds(profile, item, usableCores)).sum();
    }

    /** What RunCommand's warm-up of the backend takes, until its rate is steady (at least 4 rounds of 1 s). */
    private static final double BACKEND_WARM_UP_SECONDS = 20;

    private static double seconds(TimeValue time) {
        return time.convertTo(java.util.concurrent.TimeUnit.MILLISECONDS) / 1000.0;
    }
}
