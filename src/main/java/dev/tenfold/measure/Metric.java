package dev.tenfold.measure;

import static org.openjdk.jmh.results.AggregationPolicy.AVG;
import static org.openjdk.jmh.results.AggregationPolicy.MAX;
import static org.openjdk.jmh.results.AggregationPolicy.MIN;
import static org.openjdk.jmh.results.AggregationPolicy.SUM;

import java.util.Locale;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The results WindowProfiler adds to each iteration, under the names JMH's JSON gives them
 * ({@code tenfold.cpu_share}): written here once, read back by the report by the same constant.
 * Each carries its unit and how JMH aggregates it over iterations.
 */
public enum Metric {
    CPU_SHARE("share", AVG), BACKEND_CPU_SHARE("share", AVG), BACKGROUND_CPU_SHARE("share", MIN),
            STEAL_SHARE("share", AVG),
    BACKEND_REQUESTS("requests", SUM), BACKEND_LATENCY_MS("ms", AVG), LATENCY_MS("ms", AVG),
    RSS_MB("MiB", MAX), DESCENDANTS_RSS_MB("MiB", MAX), THREADS("threads", MAX),
    ATTEMPTED("tasks", SUM), SUCCEEDED("tasks", SUM), ERRORS("tasks", SUM), RETRIES("tasks", SUM),
    HTTP_429("responses", SUM),
    WALL_S("s", SUM), PIPE_COPY_MS("ms", MAX), WARMUP_S("s", MAX), WARMUP_TASKS("tasks", MAX),
    JIT_MS("ms", SUM),
    // a window's percentiles, averaged over windows by JMH; the CSV's come from the merged LatencyLog
    LATENCY_P50_MS("ms", AVG), LATENCY_P90_MS("ms", AVG), LATENCY_P99_MS("ms", AVG), LATENCY_P999_MS("ms", AVG),
    LATENCY_MAX_MS("ms", MAX),
    // an open loop's arrivals in the window, and the tasks arrived but not ended at its end
    ARRIVED("tasks", SUM), WAITING("tasks", AVG),
    // the backend's own time per admitted response in the window (its HdrHistogram)
    BACKEND_LATENCY_P50_MS("ms", AVG), BACKEND_LATENCY_P99_MS("ms", AVG);

    private final String unit;
    private final AggregationPolicy policy;

    Metric(String unit, AggregationPolicy policy) {
        this.unit = unit;
        this.policy = policy;
    }

    /** Its name in JMH's results and JSON, e.g. {@code tenfold.http_429}. */
    public String key() {
        return "tenfold." + name().toLowerCase(Locale.ROOT);
    }

    ScalarResult result(double value) {
        return new ScalarResult(key(), value, unit, policy);
    }
}
