package dev.tenfold.model;

import dev.tenfold.workload.Task;
import java.util.Arrays;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Collects the outcome of every task of one batch, from any thread: each model decides only where
 * and when tasks run, and all of them time, check and count tasks the same way, here. Task {@code
 * i}'s latency lands in slot i (each slot written by one thread, read after the batch's end).
 */
final class BatchRecorder {
    private final int attempted;
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder digest = new LongAdder();
    private final long[] latencyNanos;
    private final AtomicReference<String> firstError = new AtomicReference<>();

    BatchRecorder(int attempted) {
        this.attempted = attempted;
        this.latencyNanos = new long[attempted];
        Arrays.fill(latencyNanos, BatchResult.NOT_STARTED);
    }

    /** Runs task {@code index} on this thread, timed and checked. */
    void runOne(Task task, int index) {
        long start = System.nanoTime();
        try {
            long d = task.run(index);
            success(index, d, System.nanoTime() - start);
        } catch (Exception e) {
            failure(index, e, System.nanoTime() - start);
        }
    }

    void success(int index, long taskDigest, long nanos) {
        digest.add(taskDigest);
        latencyNanos[index] = nanos;
        succeeded.increment();
    }

    /** Task {@code index} failed after {@code nanos}, or never started ({@link BatchResult#NOT_STARTED}). */
    void failure(int index, Throwable error, long nanos) {
        Throwable cause = (error instanceof CompletionException || error instanceof ExecutionException)
                && error.getCause() != null ? error.getCause() : error;
        firstError.compareAndSet(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        latencyNanos[index] = nanos;
        errors.increment();
    }

    BatchResult result() {
        return new BatchResult(attempted, succeeded.intValue(), errors.intValue(), digest.sum(),
                latencyNanos, firstError.get());
    }
}
