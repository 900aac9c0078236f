package dev.tenfold.model;

import dev.tenfold.workload.Task;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Collects the outcome of every task of one batch, from any thread: each model decides only where
 * and when tasks run, and all of them time, check and count tasks the same way, here.
 */
final class BatchRecorder {
    private final int attempted;
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder digest = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    BatchRecorder(int attempted) {
        this.attempted = attempted;
    }

    /** Runs task {@code index} on this thread, timed and checked. */
    void runOne(Task task, int index) {
        long start = System.nanoTime();
        try {
            long d = task.run(index);
            success(d, System.nanoTime() - start);
        } catch (Exception e) {
            failure(e, System.nanoTime() - start);
        }
    }

    void success(long taskDigest, long nanos) {
        digest.add(taskDigest);
        latencyNanos.add(nanos);
        succeeded.increment();
    }

    void failure(Throwable error, long nanos) {
        Throwable cause = (error instanceof CompletionException || error instanceof ExecutionException)
                && error.getCause() != null ? error.getCause() : error;
        firstError.compareAndSet(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        latencyNanos.add(nanos);
        errors.increment();
    }

    BatchResult result() {
        return new BatchResult(attempted, succeeded.intValue(), errors.intValue(), digest.sum(),
                latencyNanos.sum(), firstError.get());
    }
}
