package dev.tenfold.model;

import dev.tenfold.workload.Task;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/** A parallel stream in a ForkJoinPool of P workers: Java's built-in answer for CPU work. */
public final class ForkJoinModel implements ExecutionModel {
    private final ForkJoinPool pool;

    public ForkJoinModel(int parallelism) {
        pool = new ForkJoinPool(parallelism);
    }

    @Override
    public BatchResult run(Task task, int tasks) throws InterruptedException {
        BatchRecorder recorder = new BatchRecorder(tasks);
        try {
            pool.submit(() -> IntStream.range(0, tasks).parallel().forEach(i -> recorder.runOne(task, i))).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("fork-join batch failed outside any task", e.getCause());
        }
        return recorder.result();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
