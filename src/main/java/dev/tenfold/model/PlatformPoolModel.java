package dev.tenfold.model;

import dev.tenfold.workload.Task;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fixed pool of C platform threads (a ThreadPoolExecutor): the classic answer, and the one whose
 * memory cost grows with C (each thread has its own OS stack).
 */
public final class PlatformPoolModel implements ExecutionModel, TakesArrivals {
    private final ExecutorService pool;

    public PlatformPoolModel(int threads) {
        pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("platform-", 0).factory());
    }

    @Override
    public BatchResult run(Task task, int tasks) throws InterruptedException {
        return BatchSubmission.runAll(task, tasks, pool::execute);
    }

    /** An arrival waits in the pool's unbounded work queue until one of the C threads is free. */
    @Override
    public void arrive(Task task, int index, TaskEnd end) {
        try {
            pool.execute(() -> TakesArrivals.runOne(task, index, end));
        } catch (RuntimeException refused) {
            end.ended(0, refused);
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
