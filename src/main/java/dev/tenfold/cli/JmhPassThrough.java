package dev.tenfold.cli;

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
            throw new UsageException("JMH -f 0 after -- is not taken: every benchmark needs a JVM of its own (the "
                    + "backend's address, the heap flags)");
        }
        List<String> ignored = new ArrayList<>();
        if (parsed.getThreads().hasValue() || parsed.getThreadGroups().hasValue()) {
            ignored.add("-t/-tg (tasks in flight are the suite's -p concurrency)");
        }
        if (parsed.getWarmupForkCount().hasValue() || parsed.getWarmupMode().hasValue()
                || !parsed.getWarmupIncludes().isEmpty()) {
            ignored.add("-wf/-wm/-wmb");
        }
        if (!parsed.getBenchModes().isEmpty() || parsed.getTimeUnit().hasValue()
                || parsed.getOperationsPerInvocation().hasValue()
                || parsed.getMeasurementBatchSize().hasValue() || parsed.getWarmupBatchSize().hasValue()) {
            ignored.add("-bm/-tu/-opi/-bs/-wbs (the suite counts tasks per second in Throughput mode)");
        }
        if (!ignored.isEmpty()) {
            throw new UsageException("JMH options after -- the suite does not pass on: " + String.join(", ", ignored));
        }
        if (parsed.getResult().hasValue() || parsed.getResultFormat().hasValue() || parsed.getOutput().hasValue()) {
            throw new UsageException("JMH -rf/-rff/-o after -- are not taken: the run writes"
                    + " results/<run_id>.json itself (--out)");
        }
        if (parsed.shouldHelp() || parsed.shouldList() || parsed.shouldListWithParams() || parsed.shouldListProfilers()
                || parsed.shouldListResultFormats()) {
            throw new UsageException("JMH -h/-l/-lp/-lprof/-lrf after -- are not taken: run java -jar "
                    + "target/benchmarks.jar with them");
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
        ifSet(options.getJvmArgsAppend(),
                args -> item.jvmArgsAppend(concat(item.build().getJvmArgsAppend().orElse(List.of()), args)));
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

    /** Forks: the pass-through's -f, else {@code otherwise}. */
    int forks(int otherwise) {
        return options.getForkCount().orElse(otherwise);
    }

    /** JMH warm-up iterations: the pass-through's -wi, else {@code otherwise}. */
    int warmupIterations(int otherwise) {
        return options.getWarmupIterations().orElse(otherwise);
    }

    /** Seconds of a JMH warm-up iteration: the pass-through's -w, else {@code otherwiseMillis}. */
    double warmupSeconds(int otherwiseMillis) {
        return seconds(options.getWarmupTime().orElse(TimeValue.milliseconds(otherwiseMillis)));
    }

    /** Measured iterations: the pass-through's -i, else {@code otherwise}. */
    int measurementIterations(int otherwise) {
        return options.getMeasurementIterations().orElse(otherwise);
    }

    /** Seconds of a measured iteration: the pass-through's -r, else {@code otherwiseMillis}. */
    double measurementSeconds(int otherwiseMillis) {
        return seconds(options.getMeasurementTime().orElse(TimeValue.milliseconds(otherwiseMillis)));
    }

    private static double seconds(TimeValue time) {
        return time.convertTo(java.util.concurrent.TimeUnit.MILLISECONDS) / 1000.0;
    }
}
