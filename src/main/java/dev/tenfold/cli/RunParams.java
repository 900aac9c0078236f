package dev.tenfold.cli;

import dev.tenfold.workload.resilience.ResilientItemTask.Endpoint;
import dev.tenfold.workload.resilience.RetryPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JMH parameters of one run of the plan, typed; a null field is a parameter the run's
 * benchmark does not have. Each name is spelled once, here (it is the benchmarks' {@code @Param}
 * field); {@link #jmhParams()} is the one place they become JMH's strings.
 *
 * @param concurrency tasks in flight (threads, virtual threads, the async window)
 * @param workers     worker JVMs, or fork-join threads
 * @param tasks       tasks per JMH operation (one batch)
 * @param latencyMs   the backend's delay per response
 * @param workload    the CPU family's workload, by its catalog name
 * @param rate        an open loop's offered tasks per second
 * @param sloMs       an open loop's latency objective (null: the benchmark's default, 2 L)
 * @param mix         the task indices of the rows a serial baseline is compared with (the mixed family)
 * @param endpoint    the resilience family's endpoint
 * @param policy      the resilience family's retry policy
 * @param limit       K, the rate-limited endpoint's in-flight limit
 */
record RunParams(int concurrency, int workers, int tasks, Integer latencyMs, String workload, Integer rate,
                 Integer sloMs, Integer mix, Endpoint endpoint, RetryPolicy policy, Integer limit) {
    static final String CONCURRENCY = "concurrency";
    static final String WORKERS = "workers";
    static final String TASKS = "tasks";
    static final String LATENCY_MS = "latencyMs";
    static final String WORKLOAD = "workload";
    static final String RATE = "rate";
    static final String SLO_MS = "sloMs";
    private static final String MIX = "mix";
    private static final String ENDPOINT = "endpoint";
    private static final String POLICY = "policy";
    private static final String LIMIT = "limit";

    /**
     * What {@code -p name=...} may set, in the order --help lists them; {@link #WORKLOAD} takes names, the rest whole
     * numbers.
     */
    static final List<String> SETTABLE = List.of(CONCURRENCY, WORKERS, TASKS, LATENCY_MS, WORKLOAD, RATE, SLO_MS);
    /**
     * How --help describes them (a constant: picocli's annotations take no other); the help test checks it names each.
     */
    static final String HELP = CONCURRENCY + ", " + WORKERS + ", " + TASKS + ", " + LATENCY_MS + ", " + WORKLOAD
            + " (a CPU or hand-off workload), " + RATE + " (the open loop's offered tasks/s), " + SLO_MS
            + " (its p99 target; default 2 x " + LATENCY_MS + ")";

    static RunParams io(int concurrency, int workers, int tasks, int latencyMs) {
        return new RunParams(concurrency, workers, tasks, latencyMs, null, null, null, null, null, null, null);
    }

    static RunParams cpu(int concurrency, int workers, int tasks, String workload) {
        return new RunParams(concurrency, workers, tasks, null, workload, null, null, null, null, null, null);
    }

    /** A mixed-family run; {@code mix} null unless a serial baseline strides over a larger batch's images. */
    static RunParams mixed(int concurrency, int workers, int tasks, int latencyMs, Integer mix) {
        return new RunParams(concurrency, workers, tasks, latencyMs, null, null, null, mix, null, null, null);
    }

    static RunParams resilience(int concurrency, int tasks, int latencyMs, Endpoint endpoint, RetryPolicy policy,
                                int limit) {
        return new RunParams(concurrency, 1, tasks, latencyMs, null, null, null, null, endpoint, policy, limit);
    }

    static RunParams openLoop(int concurrency, int workers, int tasks, int latencyMs, int rate, Integer sloMs) {
        return new RunParams(concurrency, workers, tasks, latencyMs, null, rate, sloMs, null, null, null, null);
    }

    /** The parameters as JMH takes them ({@code -p name=value}), in a stable order. */
    Map<String, String> jmhParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(CONCURRENCY, Integer.toString(concurrency));
        params.put(WORKERS, Integer.toString(workers));
        params.put(TASKS, Integer.toString(tasks));
        putIfSet(params, LATENCY_MS, latencyMs);
        putIfSet(params, WORKLOAD, workload);
        putIfSet(params, RATE, rate);
        putIfSet(params, SLO_MS, sloMs);
        putIfSet(params, MIX, mix);
        putIfSet(params, ENDPOINT, endpoint == null ? null : endpoint.name().toLowerCase(Locale.ROOT));
        putIfSet(params, POLICY, policy == null ? null : policy.label());
        putIfSet(params, LIMIT, limit);
        return params;
    }

    private static void putIfSet(Map<String, String> params, String name, Object value) {
        if (value != null) {
            params.put(name, value.toString());
        }
    }
}
