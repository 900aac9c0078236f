package dev.tenfold.cli;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Language;
import dev.tenfold.vocabulary.Variant;
import java.util.stream.Collectors;

/**
 * One JMH run of the plan: a benchmark method and the single value of each of its parameters;
 * {@code samples}, when above 0, replaces the profile's measured iterations (the article's literal
 * serial run of two minutes is one sample by nature). {@code runtime} is {@code java}, or
 * {@code python} for the recipe's benchmarks ({@code PythonIoBenchmark}, ...).
 */
record PlanItem(Language runtime, Family family, Variant variant, RunParams params, int samples) {

    PlanItem(Family family, Variant variant, RunParams params) {
        this(Language.JAVA, family, variant, params, 0);
    }

    /** The same run in the Python recipe. */
    PlanItem inPython() {
        return new PlanItem(Language.PYTHON, family, variant, params, samples);
    }

    /** The same run with {@code samples} measured iterations (0: the profile's). */
    PlanItem withSamples(int count) {
        return new PlanItem(runtime, family, variant, params, count);
    }

    boolean python() {
        return runtime == Language.PYTHON;
    }

    /**
     * The JMH benchmark name: family {@code io}, variant {@code one-pool} → {@code ...IoBenchmark.onePool};
     * in Python, {@code ...PythonIoBenchmark.asyncio}.
     */
    String benchmark() {
        return "dev.tenfold.bench." + (openLoop() ? Family.OPEN_LOOP_CLASS : family.benchmarkClass(runtime)) + "."
                + variant.benchmarkMethod();
    }

    /** Tasks in flight. */
    int concurrency() {
        return params.concurrency();
    }

    /** Worker JVMs or fork-join threads. */
    int workers() {
        return params.workers();
    }

    /** A run of the open loop: its tasks arrive at {@code rate} per second. */
    boolean openLoop() {
        return params.rate() != null;
    }

    /**
     * Seconds an open loop offered more than its capacity C / L takes to finish the backlog that
     * {@code loadedSeconds} of arrivals leave (at the trial's end); 0 for any other run.
     */
    double backlogSeconds(double loadedSeconds) {
        if (!openLoop()) {
            return 0;
        }
        double capacity = concurrency() * 1000.0 / params.latencyMs();
        double rate = params.rate();
        return rate <= capacity ? 0 : (rate - capacity) * loadedSeconds / capacity;
    }

    /**
     * What --include matches against, e.g. {@code io/virtual}, {@code python/io/asyncio}, {@code open-loop/platform}.
     */
    String id() {
        return (python() ? runtime + "/" : "") + (openLoop() ? "open-loop" : family.toString()) + "/" + variant;
    }

    /** The shortest a batch can take: its requests' latency over the requests in flight (0 without a latency). */
    double minimumBatchSeconds() {
        if (openLoop()) { // an operation ends with its tasks' arrivals, at the earliest
            return (double) params.tasks() / params.rate();
        }
        if (params.latencyMs() == null) {
            return 0;
        }
        double tasks = params.tasks();
        double inFlight = Math.min(tasks, concurrency());
        return tasks * params.latencyMs() / 1000 / inFlight;
    }

    String describe() {
        return id() + " " + new java.util.TreeMap<>(params.jmhParams()).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
