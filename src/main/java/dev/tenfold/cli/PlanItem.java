package dev.tenfold.cli;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Language;
import dev.tenfold.vocabulary.Variant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One JMH run of the plan: a benchmark method and the single value of each of its parameters;
 * {@code samples}, when above 0, replaces the profile's measured iterations (the article's literal
 * serial run of two minutes is one sample by nature). {@code runtime} is {@code java}, or
 * {@code python} for the recipe's benchmarks ({@code PythonIoBenchmark}, ...).
 */
record PlanItem(Language runtime, Family family, Variant variant, Map<String, String> params, int samples) {
    /** The JMH parameters the plan sets, each name spelled here once (the benchmarks' {@code @Param} fields). */
    static final String CONCURRENCY = "concurrency";
    static final String WORKERS = "workers";
    static final String TASKS = "tasks";
    static final String LATENCY_MS = "latencyMs";
    static final String WORKLOAD = "workload";
    static final String RATE = "rate";
    static final String SLO_MS = "sloMs";
    static final String MIX = "mix";

    PlanItem {
        params = Map.copyOf(new LinkedHashMap<>(params));
    }

    PlanItem(Family family, Variant variant, Map<String, String> params) {
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
        return "dev.tenfold.bench." + (openLoop() ? Family.OPEN_LOOP_CLASS : family.benchmarkClass(runtime)) + "." + variant.benchmarkMethod();
    }

    /** Tasks in flight (1 where the run has no such parameter). */
    int concurrency() {
        return Integer.parseInt(params.getOrDefault(CONCURRENCY, "1"));
    }

    /** Worker JVMs or fork-join threads (1 where the run has no such parameter). */
    int workers() {
        return Integer.parseInt(params.getOrDefault(WORKERS, "1"));
    }

    /** A run of the open loop: its tasks arrive at {@code rate} per second. */
    boolean openLoop() {
        return params.containsKey(RATE);
    }

    /**
     * Seconds an open loop offered more than its capacity C / L takes to finish the backlog that
     * {@code loadedSeconds} of arrivals leave (at the trial's end); 0 for any other run.
     */
    double backlogSeconds(double loadedSeconds) {
        if (!openLoop()) {
            return 0;
        }
        double capacity = concurrency() * 1000 / Double.parseDouble(params.get(LATENCY_MS));
        double rate = Double.parseDouble(params.get(RATE));
        return rate <= capacity ? 0 : (rate - capacity) * loadedSeconds / capacity;
    }

    /** What --include matches against, e.g. {@code io/virtual}, {@code python/io/asyncio}, {@code open-loop/platform}. */
    String id() {
        return (python() ? runtime + "/" : "") + (openLoop() ? "open-loop" : family.toString()) + "/" + variant;
    }

    /** The shortest a batch can take: its requests' latency over the requests in flight (0 without a latency). */
    double minimumBatchSeconds() {
        if (openLoop()) { // an operation ends with its tasks' arrivals, at the earliest
            return Double.parseDouble(params.getOrDefault(TASKS, "1")) / Double.parseDouble(params.get(RATE));
        }
        String latency = params.get(LATENCY_MS);
        if (latency == null) {
            return 0;
        }
        double tasks = Double.parseDouble(params.getOrDefault(TASKS, "1"));
        double inFlight = Math.min(tasks, concurrency());
        return tasks * Double.parseDouble(latency) / 1000 / inFlight;
    }

    String describe() {
        return id() + " " + new java.util.TreeMap<>(params).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
