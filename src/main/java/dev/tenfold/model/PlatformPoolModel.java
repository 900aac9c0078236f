package dev.tenfold.model;

import dev.tenfold.workload.Task;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fixed pool of C platform threads (a ThreadPoolExecutor): the classic answer, and the one whose
 * memory cost grows with C (each thread has its own OS stack).
 */
public final class PlatformPoolModel implements ExecutionModel {
    private final ExecutorService pool;

    public PlatformPoolModel(int threads) {
        pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("platform-", 0).factory());
    }

    @Override
    public BatchResult run(Task task, int tasks) throws InterruptedException {
        return BatchSubmission.runAll(task, tasks, pool::execute);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
