package dev.tenfold.measure;

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
    /**
     * One lock for the whole tally: a stream records each task as it ends, from many threads, while
     * the profiler drains; six separate counters would let a drain fall between a task's
     * {@code attempted} and its {@code succeeded} (seen: 2272 + 4838 != 7111 at C=500).
     */
    private static final Object LOCK = new Object();
    private static long attempted;
    private static long succeeded;
    private static long errors;
    private static long retries;
    private static long rejected;
    private static long latencyNanos;

    private TaskTally() {
    }

    public static void record(long attemptedTasks, long succeededTasks, long errorTasks, long retryCount, long rejectedCount,
                              long latencyNanosSum) {
        synchronized (LOCK) {
            attempted += attemptedTasks;
            succeeded += succeededTasks;
            errors += errorTasks;
            retries += retryCount;
            rejected += rejectedCount;
            latencyNanos += latencyNanosSum;
        }
    }

    /** Returns the counts since the last drain and starts a new window. */
    public static Snapshot drain() {
        synchronized (LOCK) {
            Snapshot snapshot = new Snapshot(attempted, succeeded, errors, retries, rejected, latencyNanos);
            attempted = 0;
            succeeded = 0;
            errors = 0;
            retries = 0;
            rejected = 0;
            latencyNanos = 0;
            return snapshot;
        }
    }

    public record Snapshot(long attempted, long succeeded, long errors, long retries, long rejected,
                           long latencyNanosSum) {
        /** Mean latency of the tasks that were attempted, in milliseconds; 0 when none ran. */
        public double meanLatencyMs() {
            return attempted == 0 ? 0.0 : latencyNanosSum / 1e6 / attempted;
        }
    }
}
