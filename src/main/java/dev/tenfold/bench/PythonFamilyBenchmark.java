package dev.tenfold.bench;

import dev.tenfold.model.BatchResult;
import dev.tenfold.model.ExecutionModel;
import dev.tenfold.model.PythonInterpreter;
import dev.tenfold.model.PythonRecipeModel;
import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.Task;
import java.time.Duration;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * What every family of the Python recipe shares: each variant is the recipe's model of that name
 * ({@link PythonRecipeModel}), started once per trial on the interpreter the CLI found, with the
 * family's settings; {@code threads} and {@code process}, which every family runs, are declared
 * here ({@code serial} in BatchBenchmark).
 */
public abstract class PythonFamilyBenchmark extends BatchBenchmark {

    /** The recipe's settings for {@code variant}: the task and its model (see PythonRecipeModel's builders). */
    protected abstract Map<String, Object> recipeSettings(Variant variant) throws Exception;

    /** How long one batch may take before the recipe counts as hung. */
    protected abstract Duration batchTimeout();

    @Override
    protected final ExecutionModel createModel(Variant variant, Task task) throws Exception {
        if (mix != 0) {
            throw new IllegalArgumentException(
                    "the Python recipe runs a batch's own task indices: -p mix does not apply");
        }
        return new PythonRecipeModel(PythonInterpreter.forThisJvm(), recipeSettings(variant), batchTimeout());
    }

    /** A ThreadPoolExecutor of {@code concurrency} threads (I/O: each with its own keep-alive connection). */
    @Benchmark
    @Measures(Variant.THREADS)
    public BatchResult threads(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }

    /** A ProcessPoolExecutor of {@code workers} interpreters, one task each at a time. */
    @Benchmark
    @Measures(Variant.PROCESS)
    public BatchResult process(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }
}
