package dev.tenfold.model;

import dev.tenfold.workload.StagedTask;
import dev.tenfold.workload.Task;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Both stages at once: virtual threads download with at most C in flight and hand each input to a
 * bounded queue; {@code workers} platform threads take inputs off it and process them. The queue
 * holds two inputs per CPU thread: enough that the CPU threads never wait while downloads are ahead,
 * and bounded, so that when the CPU stage is the slower one the downloads wait (a download holds its
 * slot until its input is queued) instead of filling the heap. Ideally a batch takes
 * max(I/O time, CPU time) rather than their sum.
 */
public final class PipelineModel implements ExecutionModel {
    private final int concurrency;
    private final int workers;
    private final ExecutorService cpuThreads;

    public PipelineModel(int concurrency, int workers) {
        this.concurrency = concurrency;
        this.workers = workers;
        this.cpuThreads = Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("pipeline-cpu-", 0).factory());
    }

    private record Fetched(int index, byte[] input, long startNanos) {
    }

    @Override
    public BatchResult run(Task task, int tasks) throws InterruptedException {
        if (!(task instanceof StagedTask staged)) {
            throw new IllegalArgumentException("the pipeline model needs a task in stages; " + task.describe()
                    + " is not");
        }
        BatchRecorder recorder = new BatchRecorder(tasks);
        CountDownLatch done = new CountDownLatch(tasks);
        BlockingQueue<Fetched> queue = new ArrayBlockingQueue<>(2 * workers);
        for (int i = 0; i < workers; i++) {
            cpuThreads.execute(() -> process(staged, queue, recorder, done));
        }
        Semaphore inFlight = new Semaphore(concurrency);
        Thread.Builder downloaders = Thread.ofVirtual().name("pipeline-io-", 0);
        for (int i = 0; i < tasks; i++) {
            int index = i;
            inFlight.acquire();
            try {
                downloaders.start(() -> {
                    long start = System.nanoTime();
                    try {
                        queue.put(new Fetched(index, staged.fetch(index), start));
                    } catch (Exception e) {
                        recorder.failure(index, e, System.nanoTime() - start);
                        done.countDown();
                    } finally {
                        inFlight.release();
                    }
                });
            } catch (RuntimeException | OutOfMemoryError refused) {
                // No thread for this download: an error, not a batch that never ends.
                inFlight.release();
                recorder.failure(index, refused, BatchResult.NOT_STARTED);
                done.countDown();
            }
        }
        done.await();
        // Every task is accounted for: a poison pill per CPU thread ends this batch's consumers.
        for (int i = 0; i < workers; i++) {
            queue.put(new Fetched(-1, null, 0));
        }
        return recorder.result();
    }

    private static void process(StagedTask task, BlockingQueue<Fetched> queue, BatchRecorder recorder,
            CountDownLatch done) {
        try {
            while (true) {
                Fetched item = queue.take();
                if (item.index() < 0) {
                    return;
                }
                try {
                    recorder.success(item.index(), task.process(item.index(), item.input()),
                            System.nanoTime() - item.startNanos());
                } catch (Exception e) {
                    recorder.failure(item.index(), e, System.nanoTime() - item.startNanos());
                } finally {
                    done.countDown();
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        cpuThreads.shutdownNow();
    }
}
