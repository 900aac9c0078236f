package dev.tenfold.bench;

import dev.tenfold.model.BatchResult;
import dev.tenfold.model.ExecutionModel;
import dev.tenfold.model.OpenLoopModel;
import dev.tenfold.model.PlatformPoolModel;
import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.Task;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The claim behind "concurrency 10-100 is enough": it is a claim about an arrival rate. By Little's
 * law, C requests in flight at latency L serve at most C / L per second; past that rate a closed
 * loop (every other benchmark here) quietly slows its own arrivals, and its latency looks fine.
 * An open loop does not: requests arrive every {@code 1 / rate} seconds whatever happened to the
 * earlier ones, and each one's latency is taken from the moment it was due (no coordinated omission).
 *
 * <p>Each task is the I/O family's: {@code GET /io/item/{i}}, answered after {@code latencyMs},
 * every response checked. The variants are the I/O models, each taking arrivals its own way
 * ({@link OpenLoopModel}): {@code serial} is one server with a queue in front (a pool of one thread),
 * {@code platform} a pool of C threads and its work queue, {@code virtual} a virtual thread per
 * arrival that waits for one of C slots, {@code async} {@code sendAsync} with a window of C and a
 * list of the waiting, {@code process} W worker JVMs (C = W) taking the arrivals from one queue, as
 * a ProcessPoolExecutor's processes take its call queue.
 *
 * <p>Run it: {@code ./run-benchmarks.sh --profile latency} (a rate sweep per model past its
 * capacity), or bare: {@code java -jar target/benchmarks.jar OpenLoopBenchmark.platform -p
 * concurrency=10 -p rate=150 -p tasks=15 -prof dev.tenfold.measure.WindowProfiler}. {@code tasks} sets
 * the operation: it lasts as long as that many tasks take to arrive (JMH's score is then
 * {@code rate / tasks}; its {@code tasks} counter and the profiler count the tasks that ended), and
 * the task indices cycle over it.
 *
 * <p>What you should see: below C / L (200/s at C=10, L=50 ms) every model keeps up, the achieved
 * rate is the offered one, and p99 stays near L. Past it the achieved rate stops at C / L, the
 * tasks waiting grow with every window, and the latency grows with the run: the row is overloaded,
 * and no model with a window of C does better; only more in flight (a larger C, or a virtual
 * thread per arrival with C far above rate x L) moves the knee, until the CPU or the backend stops it.
 */
public class OpenLoopBenchmark extends JavaFamilyBenchmark {

    /** The backend's fixed delay per request. */
    @Param("50")
    public int latencyMs;

    /** The offered rate, tasks per second: one arrives every {@code 1 / rate} s. */
    @Param("100")
    public int rate;

    @Override
    protected Task createTask() throws java.io.IOException {
        return IoBenchmark.itemTask(backendUrl(), httpClient(), latencyMs);
    }

    @Override
    protected ExecutionModel createModel(Variant variant, Task task) throws Exception {
        ExecutionModel windowed =
                variant == Variant.SERIAL
                        ? new PlatformPoolModel(1)
                        : super.createModel(variant, task);
        OpenLoopModel open = new OpenLoopModel(windowed, rate, this::tallyEach);
        ledger().watchArrivals(open::arrived, open::waiting);
        return open;
    }

    /** A fixed pool of {@code concurrency} platform threads, arrivals queued in its work queue. */
    @Benchmark
    @Measures(Variant.PLATFORM)
    public BatchResult platform(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }

    /** {@code workers} worker JVMs, one request each at a time, the arrivals queued for the next free one. */
    @Benchmark
    @Measures(Variant.PROCESS)
    public BatchResult process(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }

    /** {@code HttpClient.sendAsync} with a window of {@code concurrency}, arrivals past it listed. */
    @Benchmark
    @Measures(Variant.ASYNC)
    public BatchResult async(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }
}
