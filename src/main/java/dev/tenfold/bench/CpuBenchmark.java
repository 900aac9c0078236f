package dev.tenfold.bench;

import dev.tenfold.model.BatchResult;
import dev.tenfold.process.PipeBandwidth;
import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.Task;
import dev.tenfold.workload.catalog.Workloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The claim: "CPU-bound work needs multiprocessing (the GIL), with cpu_count()-1 processes".
 *
 * <p>Each operation runs {@code tasks} CPU tasks of tens of milliseconds: a SHA-256 chain, a
 * 2048x2048 -> 256x256 image downscale (java.awt, headless) or a 400x400 matrix product (each ~20-40 ms here); every
 * result is checked against a digest computed serially at set-up. The variants differ only in
 * where the tasks run: the calling thread, C platform threads, virtual threads, a ForkJoinPool of
 * P, or W worker JVMs fed over pipes.
 *
 * <p>Variants: {@code serial}, {@code platform}, {@code virtual}, {@code forkjoin}, {@code process}.
 *
 * <p>Run it: {@code ./run-benchmarks.sh --include cpu/}, or bare: {@code java -jar
 * target/benchmarks.jar CpuBenchmark -p workload=sha256 -p concurrency=2 -p workers=2 -p tasks=16
 * -prof dev.tenfold.measure.WindowProfiler}.
 *
 * <p>What you should see: Java has no GIL, so plain threads scale to the core count and no
 * further: the speedup is capped by min(threads, logical cores) — at most 2x on 2 cores, so
 * "tenfold" needs 10+ cores and good efficiency. Virtual threads give the same, capped by their
 * carrier threads (one per core): they add nothing to CPU work. The worker JVMs reach the same
 * bound minus the cost of their own JIT warm-up and memory; cores-1 of them (the article's advice)
 * leave a core idle. Serial CPU work keeps one core busy: the article's "< 30% CPU means
 * I/O-bound" calls it I/O-bound on 4+ cores; tenfold's per-usable-core rule does not.
 */
public class CpuBenchmark extends JavaFamilyBenchmark {

    /** sha256, downscale or matmul; handoff-pipe or handoff-mmap (serial and process only). */
    @Param("sha256")
    public String workload;

    private Task task;

    @Override
    protected Task createTask() throws java.io.IOException {
        task = Workloads.cpu(workload);
        byte[] input = task.payload(0);
        if (input != null && variant() == Variant.PROCESS) {
            // The raw pipe, measured here with large buffers: the copying part of the hand-off's cost
            double mibPerSecond = PipeBandwidth.mibPerSecond(input.length, PIPE_ROUNDS);
            ledger().recordPipeCopy(1000.0 * input.length / (mibPerSecond * 1024 * 1024));
            System.out.printf("tenfold pipe: %.0f MiB/s into a child JVM with 1 MiB buffers%n", mibPerSecond);
        }
        return task;
    }

    /** Transfers of one task's input whose median is the pipe's bandwidth. */
    private static final int PIPE_ROUNDS = 5;

    /** The hand-off workloads own a temporary file. */
    @Override
    protected void closeTask() throws Exception {
        if (task instanceof AutoCloseable resources) {
            resources.close();
        }
    }


    /** A fixed pool of {@code concurrency} platform threads. */
    @Benchmark
    @Measures(Variant.PLATFORM)
    public BatchResult platform(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }

    /** A ForkJoinPool of {@code workers} threads. */
    @Benchmark
    @Measures(Variant.FORKJOIN)
    public BatchResult forkjoin(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }

    /** {@code workers} worker JVMs, one task each at a time. */
    @Benchmark
    @Measures(Variant.PROCESS)
    public BatchResult process(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }
}
