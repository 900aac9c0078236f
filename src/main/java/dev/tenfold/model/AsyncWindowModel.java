package dev.tenfold.model;

import dev.tenfold.workload.AsyncTask;
import dev.tenfold.workload.Task;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The asyncio analogue: no thread per task. C requests are started with
 * {@code HttpClient.sendAsync}; each completion, handled on one event-loop thread (as asyncio has
 * one loop), records the result and starts the next task, so exactly C stay in flight.
 */
public final class AsyncWindowModel implements ExecutionModel {
    private final int concurrency;
    private final ExecutorService eventLoop =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("async-loop").factory());

    public AsyncWindowModel(int concurrency) {
        this.concurrency = concurrency;
    }

    @Override
    public BatchResult run(Task task, int tasks) throws InterruptedException {
        if (!(task instanceof AsyncTask asyncTask)) {
            throw new IllegalArgumentException("the async model needs a non-blocking task; "
                    + task.spec() + " has none");
        }
        BatchRecorder recorder = new BatchRecorder(tasks);
        CountDownLatch done = new CountDownLatch(tasks);
        AtomicInteger next = new AtomicInteger();
        Runnable startNext = new Runnable() {
            @Override
            public void run() {
                int index = next.getAndIncrement();
                if (index >= tasks) {
                    return;
                }
                long start = System.nanoTime();
                Runnable self = this;
                try {
                    asyncTask.runAsync(index).whenCompleteAsync((digest, error) -> {
                        if (error == null) {
                            recorder.success(digest, System.nanoTime() - start);
                        } else {
                            recorder.failure(error, System.nanoTime() - start);
                        }
                        done.countDown();
                        self.run();
                    }, eventLoop);
                } catch (RuntimeException refused) {
                    recorder.failure(refused, System.nanoTime() - start);
                    done.countDown();
                    eventLoop.execute(self);
                }
            }
        };
        for (int i = 0; i < Math.min(concurrency, tasks); i++) {
            eventLoop.execute(startNext);
        }
        done.await();
        return recorder.result();
    }

    @Override
    public void close() {
        eventLoop.shutdownNow();
    }
}
