package dev.tenfold.report;

import dev.tenfold.vocabulary.Family;
import dev.tenfold.vocabulary.Language;
import dev.tenfold.vocabulary.Variant;
import java.util.List;

/**
 * One row of the results CSV: one benchmark x parameter set. Nullable fields are empty cells
 * ("does not apply"). The first 31 columns are SPEC.md's, in its order; the rest follow.
 */
public record ResultRow(
        String runId, String timestamp, String host, String os, String cpuModel,
        Integer physicalCores, Integer logicalCores, Double memoryGb, String jdk,
        Family family, String workload, Variant variant,
        Integer concurrency, Integer workers, Integer latencyMs, Integer tasks,
        Double throughput, Double throughputError, Double speedup, Double idealSpeedup,
        Double rooflineSpeedup, Double efficiency, Double cpuShare, Double busyCores,
        Double backendCpuShare, Double rssMb, String articleRule, String classification, String bound,
        Long errors, Long retries,
        Integer samples, Double speedupLow, Double speedupHigh, String steady, Integer usableCores, Double loadStart,
        Double stealShare, Language runtime,
        Long attempted, Long succeeded, Long http429, Integer serverLimit, Double observedLatencyMs,
        Double backendLatencyMs, String profile,
        Double drift, Double cpuDrift, Double cpuSettling, String cpuPolicy, Double backgroundCpuShare, Long threads,
        Long backendRequests,
        Double pipeCopyMs, Double descendantsRssMb, Integer forks, Double jitMs, Double warmupS, String commit,
        Double forkSpread,
        Double jitCpuShare, Double latencyP50Ms, Double latencyP90Ms, Double latencyP99Ms, Double latencyP999Ms,
        Double latencyMaxMs, Double offeredRate, Double achievedRate, Double waiting, String overloaded, Integer sloMs,
        Double backendLatencyP50Ms, Double backendLatencyP99Ms, String jvmFlags, String pythonVersion) {

    /** SPEC.md's required columns, in order, then ours. */
    public static final List<String> COLUMNS = List.of(
            "run_id", "timestamp", "host", "os", "cpu_model", "physical_cores", "logical_cores", "memory_gb", "jdk",
            "family", "workload", "variant", "concurrency", "workers", "latency_ms", "tasks",
            "throughput", "throughput_error", "speedup", "ideal_speedup", "roofline_speedup", "efficiency",
            "cpu_share", "busy_cores", "backend_cpu_share", "rss_mb", "article_rule", "classification", "bound",
            "errors", "retries",
            "samples", "speedup_low", "speedup_high", "steady", "usable_cores", "load_start", "steal_share", "runtime",
            "attempted", "succeeded", "http_429", "server_limit", "observed_latency_ms", "backend_latency_ms",
            "profile",
            "drift", "cpu_drift", "cpu_settling", "cpu_policy", "background_cpu_share", "threads", "backend_requests",
            "pipe_copy_ms",
            "descendants_rss_mb", "forks", "jit_ms", "warmup_s", "commit", "fork_spread", "jit_cpu_share",
            "latency_p50_ms", "latency_p90_ms", "latency_p99_ms", "latency_p999_ms", "latency_max_ms",
            "offered_rate", "achieved_rate", "waiting", "overloaded", "slo_ms", "backend_latency_p50_ms",
            "backend_latency_p99_ms",
            "jvm_flags", "python_version");

    /** How many of {@link #COLUMNS} SPEC.md requires. */
    public static final int REQUIRED_COLUMNS = 31;

    /** The machine counted as busy: load per usable core or stolen CPU above the SPEC's limits. */
    public boolean busyMachine() {
        return (loadStart != null && loadStart > dev.tenfold.measure.Environment.BUSY_LOAD)
                || (stealShare != null && stealShare > dev.tenfold.measure.Environment.BUSY_STEAL);
    }

    /** A row of the open loop: tasks arrived at {@code offered_rate}, whatever the earlier ones did. */
    public boolean openLoop() {
        return offeredRate != null;
    }

    /** A row of the Python recipe ({@code runtime=python}), not of a Java model. */
    public boolean python() {
        return runtime == Language.PYTHON;
    }

    /** The parameters that identify the same measurement on another machine. */
    public String joinKey() {
        return String.join("|", String.valueOf(runtime == null ? Language.JAVA : runtime), family.toString(), workload,
                variant.toString(), String.valueOf(concurrency),
                String.valueOf(workers), String.valueOf(latencyMs), String.valueOf(tasks), String.valueOf(serverLimit));
    }

    /** Requests the client sent: one per task, plus one per retry; null when not counted. */
    public Long requestsSent() {
        return attempted == null || retries == null ? null : attempted + retries;
    }

    /**
     * The backend answered more than 3% more or fewer requests than the client says it sent (a
     * silent retry inside the HTTP client, or requests lost on the way); false where either count
     * is missing or the row sent none. Both count within the same window: batches whole, a
     * stream's tasks as each ends (within 1% on the resilience rows; the flaky endpoint +5%).
     */
    public boolean backendCountDiffers() {
        if (openLoop()) {
            // arrivals go on between windows, and the backend's counters are read just outside the
            // work span: at 2,000/s they hold 100-250 more requests per window than the tasks in it
            return false;
        }
        Long sent = requestsSent();
        return sent != null && sent > 0 && backendRequests != null && backendRequests > 0
                && Math.abs(backendRequests - sent) > 0.03 * sent;
    }

    /**
     * The throughput as an estimate, its standard error recovered from the 99% half-width and the
     * units it was computed from: the forks when there were two or more (the unit of
     * replication), else the samples of the one fork (and of a CSV from before forks were written).
     */
    public Statistics.Estimate estimate() {
        int units = forks != null && forks >= 2 ? forks : samples == null ? 1 : samples;
        return Statistics.Estimate.fromInterval(throughput, throughputError, units);
    }

    /** Every task is accounted for: it succeeded or it is an error. */
    public boolean accountsForEveryTask() {
        return attempted == null || succeeded == null || errors == null || succeeded + errors == attempted;
    }
}
