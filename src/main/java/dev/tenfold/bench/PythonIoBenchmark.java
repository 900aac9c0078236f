package dev.tenfold.bench;

import dev.tenfold.backend.BackendStubs;
import dev.tenfold.model.BatchResult;
import dev.tenfold.model.PythonRecipeModel;
import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.http.HttpItemTask;
import dev.tenfold.workload.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The claim in its own language: "for I/O, use asyncio (or threads) at concurrency 10-100".
 *
 * <p>The same requests as {@link IoBenchmark} ({@code GET /io/item/{i}}, answered after
 * {@code latencyMs}, every response checked byte for byte), made by CPython running the post's
 * recipes ({@code src/main/python/recipe.py}, standard library only) in a process the fork starts:
 * the fork only hands over batch sizes and reads back counts, so the CPU and memory the profiler
 * measures are Python's (the fork's own idle share is in the row's background).
 *
 * <p>Variants: {@code serial} (one {@code http.client} connection), {@code asyncio} (gather all,
 * a semaphore of {@code concurrency}, HTTP/1.1 over asyncio streams), {@code threads}
 * ({@code ThreadPoolExecutor} of {@code concurrency}, a keep-alive connection per thread),
 * {@code process} ({@code ProcessPoolExecutor} of {@code workers}).
 *
 * <p>Run it: {@code ./run-benchmarks.sh --profile article} (or {@code --include python/io}), or
 * bare: {@code java -jar target/benchmarks.jar PythonIoBenchmark.asyncio -p concurrency=10 -p
 * tasks=100 -prof dev.tenfold.measure.WindowProfiler} ({@code -Dtenfold.python=...} picks the
 * interpreter; default {@code python3}).
 *
 * <p>What you should see: at 10 in flight the same ~10x as Java's models (Little's law does not
 * care about the language); as C grows, one interpreter's core (the GIL) caps asyncio and threads
 * well below Java's virtual threads, and a process per request in flight costs tens of MiB each.
 */
public class PythonIoBenchmark extends PythonFamilyBenchmark {

    /** The backend's fixed delay per request. */
    @Param("50")
    public int latencyMs;

    /** The Java twin of the task: its warm-up amount and description; the recipe makes the requests. */
    @Override
    protected Task createTask() throws IOException {
        BackendStubs.installItem(backendUrl(), latencyMs);
        return new HttpItemTask(httpClient(), backendUrl(), latencyMs);
    }

    @Override
    protected Map<String, Object> recipeSettings(Variant variant) throws IOException {
        return PythonRecipeModel.ioSettings(variant.toString(), concurrency, workers, backendUrl(), latencyMs);
    }

    /** A batch is waves of requests: a hung recipe is stopped after 3 times that, and at least a minute. */
    @Override
    protected Duration batchTimeout() {
        long waves = (long) Math.ceil((double) tasks / Math.min(tasks, Math.max(concurrency, workers)));
        return Duration.ofMillis(60_000 + 3 * waves * latencyMs);
    }

    /** asyncio: every request gathered at once, a semaphore of {@code concurrency} in flight. */
    @Benchmark
    @Measures(Variant.ASYNCIO)
    public BatchResult asyncio(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }
}
