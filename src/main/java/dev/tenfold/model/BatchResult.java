package dev.tenfold.model;

import java.util.Arrays;

/**
 * What a batch of tasks did. {@code succeeded + errors == attempted} always: a task that did not
 * succeed is an error, never silently dropped. {@code digest} combines the digests of the
 * succeeded tasks (the benchmark returns it so the work cannot be elided). {@code latencyNanos}
 * holds one entry per attempted task: how long it took from the moment the model started it to
 * its end, failed or not, or {@link #NOT_STARTED} for a task the model could not start.
 */
public record BatchResult(int attempted, int succeeded, int errors, long digest,
                          long[] latencyNanos, String firstError) {

    /** The latency of a task that never started (its executor refused it): no time to record. */
    public static final long NOT_STARTED = -1;

    public BatchResult {
        if (succeeded + errors != attempted) {
            throw new IllegalStateException("tasks unaccounted for: " + succeeded + " succeeded + "
                    + errors + " errors != " + attempted + " attempted");
        }
        if (latencyNanos.length != attempted) {
            throw new IllegalStateException(latencyNanos.length + " latencies for " + attempted + " tasks");
        }
    }

    /** A batch whose every task failed after the same time (or {@link #NOT_STARTED}). */
    static BatchResult allFailed(int tasks, long eachNanos, String error) {
        long[] latencies = new long[tasks];
        Arrays.fill(latencies, eachNanos);
        return new BatchResult(tasks, 0, tasks, 0, latencies, error);
    }

    /** The summed latency of the tasks that started. */
    public long latencyNanosSum() {
        return Arrays.stream(latencyNanos).filter(n -> n >= 0).sum();
    }
}
