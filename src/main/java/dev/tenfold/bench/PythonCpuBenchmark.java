package dev.tenfold.bench;

import dev.tenfold.model.BatchResult;
import dev.tenfold.model.ExecutionModel;
import dev.tenfold.model.PythonInterpreter;
import dev.tenfold.model.PythonRecipeModel;
import dev.tenfold.workload.Sha256ChainTask;
import dev.tenfold.workload.Task;
import dev.tenfold.workload.Workloads;
import java.time.Duration;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The claim in its own language: "CPU-bound work needs multiprocessing: threads don't help (the
 * GIL); use cpu_count()-1 processes".
 *
 * <p>The same SHA-256 chains as {@link CpuBenchmark}'s {@code sha256} (the Java task's own input
 * buffers, sent to the recipe), hashed by CPython's {@code hashlib}; every digest comes back and is
 * checked against the Java task's. The recipe runs in a process the fork starts; its pool's
 * processes are the fork's descendants, so the profiler counts them.
 *
 * <p>Variants: {@code serial}, {@code threads} ({@code ThreadPoolExecutor} of
 * {@code concurrency}), {@code process} ({@code ProcessPoolExecutor} of {@code workers}).
 *
 * <p>Run it: {@code ./run-benchmarks.sh --profile article}, or bare: {@code java -jar
 * target/benchmarks.jar PythonCpuBenchmark -p concurrency=2 -p workers=2 -p tasks=16 -prof
 * dev.tenfold.measure.CpuProfiler}.
 *
 * <p>What you should see: processes scale with the cores, as the post says, and cpu_count()-1 of
 * them leave one idle. Threads are the surprise: {@code hashlib} lets go of the GIL while it
 * hashes more than 2 KiB, and each round hashes 64 KiB, so threads scale here too; the GIL binds
 * where the work is Python bytecode, not where it is C code that releases it.
 */
public class PythonCpuBenchmark extends BatchBenchmark {
    /** A batch of SHA-256 chains takes seconds in CPython; a hung recipe is stopped after this. */
    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(5);

    private Sha256ChainTask task;

    /** The Java twin of the task: its inputs go to the recipe, its digests check the recipe's. */
    @Override
    protected Task createTask() {
        task = (Sha256ChainTask) Workloads.cpu("sha256");
        return task;
    }

    @Override
    protected ExecutionModel createModel(String variant, Task ignored) throws Exception {
        return new PythonRecipeModel(PythonInterpreter.forThisJvm(),
                PythonRecipeModel.sha256Settings(variant, concurrency, workers, task), BATCH_TIMEOUT);
    }

    @Override
    protected void closeTask() {
        // the task holds only its inputs
    }

    /** A ThreadPoolExecutor of {@code concurrency} threads. */
    @Benchmark
    public BatchResult threads(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }

    /** A ProcessPoolExecutor of {@code workers} interpreters. */
    @Benchmark
    public BatchResult process(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }
}
