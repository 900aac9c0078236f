package dev.tenfold.model;

import dev.tenfold.workload.Task;
import java.util.concurrent.Semaphore;

/**
 * A virtual thread per task, at most C in flight (a semaphore, not a pool: virtual threads are
 * cheap to create and must not be pooled). Blocking calls unmount from the carrier threads, so
 * C can be large; CPU work still runs on at most {@code availableProcessors} carriers.
 */
public final class VirtualThreadModel implements ExecutionModel {
    private final int concurrency;

    public VirtualThreadModel(int concurrency) {
        this.concurrency = concurrency;
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
