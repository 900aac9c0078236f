package dev.tenfold.measure;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the tasks of the current JMH iteration did: attempted, succeeded, failed, retried, answered
 * 429, and their summed latency. Benchmarks add one batch at a time; {@link CpuProfiler} drains it after each
 * iteration and reports it as secondary results, so the CSV can show that nothing was lost
 * ({@code succeeded + errors == attempted}) and the observed mean latency of a task.
 *
 * <p>Static because the profiler and the benchmark share nothing else; one JMH fork runs one
 * benchmark at a time.
 */
public final class TaskTally {
    private static final LongAdder ATTEMPTED = new LongAdder();
    private static final LongAdder SUCCEEDED = new LongAdder();
    private static final LongAdder ERRORS = new LongAdder();
    private static final LongAdder RETRIES = new LongAdder();
    private static final LongAdder REJECTED = new LongAdder();
    private static final LongAdder LATENCY_NANOS = new LongAdder();

    private TaskTally() {
    }

    public static void record(long attempted, long succeeded, long errors, long retries, long rejected,
                              long latencyNanosSum) {
        ATTEMPTED.add(attempted);
        SUCCEEDED.add(succeeded);
        ERRORS.add(errors);
        RETRIES.add(retries);
        REJECTED.add(rejected);
        LATENCY_NANOS.add(latencyNanosSum);
    }

    /** Returns the counts since the last drain and starts a new window. */
    public static Snapshot drain() {
        return new Snapshot(ATTEMPTED.sumThenReset(), SUCCEEDED.sumThenReset(), ERRORS.sumThenReset(),
                RETRIES.sumThenReset(), REJECTED.sumThenReset(), LATENCY_NANOS.sumThenReset());
    }

    public record Snapshot(long attempted, long succeeded, long errors, long retries, long rejected,
                           long latencyNanosSum) {
        /** Mean latency of the tasks that were attempted, in milliseconds; 0 when none ran. */
        public double meanLatencyMs() {
            return attempted == 0 ? 0.0 : latencyNanosSum / 1e6 / attempted;
        }
    }
}
