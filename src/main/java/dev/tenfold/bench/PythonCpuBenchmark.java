package dev.tenfold.bench;

import dev.tenfold.model.PythonRecipeModel;
import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.cpu.Sha256ChainTask;
import dev.tenfold.workload.Task;
import dev.tenfold.workload.catalog.Workloads;
import java.time.Duration;
import java.util.Map;
import org.openjdk.jmh.annotations.Param;

/**
 * The claim in its own language: "CPU-bound work needs multiprocessing: threads don't help (the
 * GIL); use cpu_count()-1 processes".
 *
 * <p>The same SHA-256 chains as {@link CpuBenchmark}'s {@code sha256} and {@code sha256-small} (the
 * Java task's own input buffers, sent to the recipe), hashed by CPython's {@code hashlib}; every
 * digest comes back and is checked against the Java task's. The recipe runs in a process the fork starts; its pool's
 * processes are the fork's descendants, so the profiler counts them.
 *
 * <p>Variants: {@code serial}, {@code threads} ({@code ThreadPoolExecutor} of
 * {@code concurrency}), {@code process} ({@code ProcessPoolExecutor} of {@code workers}).
 *
 * <p>Run it: {@code ./run-benchmarks.sh --profile article}, or bare: {@code java -jar
 * target/benchmarks.jar PythonCpuBenchmark -p concurrency=2 -p workers=2 -p tasks=16 -prof
 * dev.tenfold.measure.WindowProfiler}.
 *
 * <p>What you should see: processes scale with the cores, as the post says, and cpu_count()-1 of
 * them leave one idle. Threads depend on the task: {@code hashlib} lets go of the GIL while it
 * hashes 2 KiB or more, so on {@code sha256} (64 KiB a round) threads scale like processes, and on
 * {@code sha256-small} (256 bytes a round, most of the time in the interpreter) the GIL holds them
 * to about one core.
 */
public class PythonCpuBenchmark extends PythonFamilyBenchmark {
    /** A batch of SHA-256 chains takes seconds in CPython; a hung recipe is stopped after this. */
    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(5);

    /** sha256 (64 KiB per round: hashlib lets go of the GIL) or sha256-small (256 bytes: it keeps it). */
    @Param("sha256")
    public String workload;

    private Sha256ChainTask task;

    /** The Java twin of the task: its inputs go to the recipe, its digests check the recipe's. */
    @Override
    protected Task createTask() {
        if (!(Workloads.cpu(workload) instanceof Sha256ChainTask chain)) {
            throw new IllegalArgumentException("the Python recipe runs the SHA-256 chains only, not " + workload);
        }
        task = chain;
        return task;
    }

    @Override
    protected Map<String, Object> recipeSettings(Variant variant) {
        return PythonRecipeModel.sha256Settings(variant.toString(), concurrency, workers, task);
    }

    @Override
    protected Duration batchTimeout() {
        return BATCH_TIMEOUT;
    }
}
