package dev.tenfold.model;

import dev.tenfold.workload.Task;

/**
 * A model that can take tasks one at a time as they arrive (an open loop), queueing them its own
 * way while C are in flight: a platform pool in its work queue, virtual threads at their semaphore,
 * the async window in its event loop's list. {@link #arrive} never blocks the caller: an arrival
 * timer that waited would slow its own arrivals (coordinated omission).
 */
public interface TakesArrivals {

    /** Runs task {@code index} of {@code task} when a slot frees, and tells {@code end} how it ended. */
    void arrive(Task task, int index, TaskEnd end);

    /** How an arrived task ended: its digest, or the error it failed with (then the digest is 0). */
    @FunctionalInterface
    interface TaskEnd {
        void ended(long digest, Throwable error);
    }

    /** Runs task {@code index} on this thread and reports its end (the blocking models' body of an arrival). */
    static void runOne(Task task, int index, TaskEnd end) {
        long digest;
        try {
            digest = task.run(index);
        } catch (Exception | OutOfMemoryError e) {
            end.ended(0, e);
            return;
        }
        end.ended(digest, null);
    }
}
