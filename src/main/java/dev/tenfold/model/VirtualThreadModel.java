package dev.tenfold.model;

import dev.tenfold.workload.Task;
import java.util.concurrent.Semaphore;

/**
 * A virtual thread per task, at most C in flight (a semaphore, not a pool: virtual threads are
 * cheap to create and must not be pooled). Blocking calls unmount from the carrier threads, so
 * C can be large; CPU work still runs on at most {@code availableProcessors} carriers.
 */
public final class VirtualThreadModel implements ExecutionModel, TakesArrivals {
    private final int concurrency;
    /** The open loop's C slots: one per model, as every arrival shares them. */
    private final Semaphore arrivalSlots;
    private final Thread.Builder arrivalThreads = Thread.ofVirtual().name("arrival-", 0);

    public VirtualThreadModel(int concurrency) {
        this.concurrency = concurrency;
        this.arrivalSlots = new Semaphore(concurrency);
    }

    /** A virtual thread per arrival, which waits at the semaphore until fewer than C are in flight. */
    @Override
    public void arrive(Task task, int index, TaskEnd end) {
        try {
            arrivalThreads.start(() -> {
                arrivalSlots.acquireUninterruptibly();
                try {
                    TakesArrivals.runOne(task, index, end);
                } finally {
                    arrivalSlots.release();
                }
            });
        } catch (RuntimeException | OutOfMemoryError refused) {
            end.ended(0, refused);
        }
    }

    @Override
    public BatchResult run(Task task, int tasks) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        Thread.Builder threads = Thread.ofVirtual().name("virtual-", 0);
        return BatchSubmission.runAll(task, tasks, work -> {
            inFlight.acquireUninterruptibly();
            try {
                threads.start(() -> {
                    try {
                        work.run();
                    } finally {
                        inFlight.release();
                    }
                });
            } catch (RuntimeException | OutOfMemoryError e) {
                inFlight.release();
                throw e;
            }
        });
    }

    @Override
    public void close() {
    }
}
