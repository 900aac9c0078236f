package dev.tenfold.model;

import dev.tenfold.workload.AsyncTask;
import dev.tenfold.workload.Task;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The asyncio analogue: no thread per task. C requests are started with
 * {@code HttpClient.sendAsync}; each completion, handled on one event-loop thread (as asyncio has
 * one loop), records the result and starts the next task, so exactly C stay in flight.
 */
public final class AsyncWindowModel implements ExecutionModel, TakesArrivals {
    private final int concurrency;
    private final ExecutorService eventLoop =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("async-loop").factory());

    /** The open loop's arrivals past the window, and the window's count: touched on the event loop only. */
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int arrivalsInFlight;

    public AsyncWindowModel(int concurrency) {
        this.concurrency = concurrency;
    }

    /** An arrival starts at once while fewer than C are in flight, else waits in the event loop's list. */
    @Override
    public void arrive(Task task, int index, TaskEnd end) {
        if (!(task instanceof AsyncTask asyncTask)) {
            end.ended(0, new IllegalArgumentException("the async model needs a non-blocking task; " + task.describe()
                    + " has none"));
            return;
        }
        try {
            eventLoop.execute(() -> {
                Runnable start = () -> startArrival(asyncTask, index, end);
                if (arrivalsInFlight < concurrency) {
                    start.run();
                } else {
                    waiting.add(start);
                }
            });
        } catch (RejectedExecutionException closed) {
            end.ended(0, closed);
        }
    }

    /** On the event loop: sends one arrival; its end starts the longest-waiting one. */
    private void startArrival(AsyncTask task, int index, TaskEnd end) {
        arrivalsInFlight++;
        CompletableFuture<Long> sent;
        try {
            sent = task.runAsync(index);
        } catch (RuntimeException refused) {
            sent = CompletableFuture.failedFuture(refused);
        }
        sent.whenCompleteAsync((digest, error) -> {
            arrivalsInFlight--;
            end.ended(error == null ? digest : 0, error);
            Runnable next = waiting.poll();
            if (next != null) {
                next.run();
            }
        }, eventLoop);
    }

    @Override
    public BatchResult run(Task task, int tasks) throws InterruptedException {
        if (!(task instanceof AsyncTask asyncTask)) {
            throw new IllegalArgumentException("the async model needs a non-blocking task; "
                    + task.describe() + " has none");
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
                            recorder.success(index, digest, System.nanoTime() - start);
                        } else {
                            recorder.failure(index, error, System.nanoTime() - start);
                        }
                        done.countDown();
                        self.run();
                    }, eventLoop);
                } catch (RuntimeException refused) {
                    recorder.failure(index, refused, System.nanoTime() - start);
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
