package dev.tenfold.bench;

import dev.tenfold.backend.BackendStubs;
import dev.tenfold.model.BatchResult;
import dev.tenfold.workload.http.HttpItemTask;
import dev.tenfold.workload.Task;
import dev.tenfold.vocabulary.Variant;
import java.net.http.HttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * The claim: "make your API calls concurrent and the program gets ~10x faster" (the article's
 * "2 minutes -> 12 seconds", asyncio at concurrency 10-100).
 *
 * <p>Each operation fetches {@code tasks} items, {@code GET /io/item/{i}}, from a WireMock backend
 * in its own JVM that answers after {@code latencyMs}; every response is checked (status 200, body
 * byte for byte). The variants differ only in how the requests are scheduled.
 *
 * <p>Variants: {@code serial}, {@code platform}, {@code virtual}, {@code async}, {@code process}.
 *
 * <p>Run it: {@code ./run-benchmarks.sh --include io/} (the CLI starts the backend, sweeps C and
 * adds the CPU profiler), or bare: {@code java -jar target/benchmarks.jar IoBenchmark -p
 * concurrency=10 -p tasks=100 -prof dev.tenfold.measure.WindowProfiler} (each fork starts its own
 * backend).
 *
 * <p>What you should see: serial does 1/L requests per second (~19/s at 50 ms) with the CPU
 * nearly idle, the article's "I/O-bound" signature. With C in flight, Little's law says C/L per
 * second: ~10x at C=10 for every concurrent model. Further up, the bound becomes the CPU the client
 * and backend spend per request (the roofline); the RSS column shows what C platform threads (an
 * OS stack each) cost against C virtual threads (heap objects). The process pool with cores-1
 * workers (the article's advice for CPU work) gives I/O only cores-1 requests in flight.
 */
public class IoBenchmark extends JavaFamilyBenchmark {

    /** The backend's fixed delay per request. */
    @Param("50")
    public int latencyMs;

    @Override
    protected Task createTask() throws java.io.IOException {
        return itemTask(backendUrl(), httpClient(), latencyMs);
    }

    /** The item request at {@code latencyMs}, its stub and its warm-up twin's installed on the backend. */
    static HttpItemTask itemTask(String backendUrl, HttpClient client, int latencyMs) throws java.io.IOException {
        BackendStubs.installItem(backendUrl, latencyMs);
        BackendStubs.installItem(backendUrl, 0); // the warm-up's twin (Task#withoutLatency)
        return new HttpItemTask(client, backendUrl, latencyMs);
    }


    /** A fixed pool of {@code concurrency} platform threads. */
    @Benchmark
    @Measures(Variant.PLATFORM)
    public BatchResult platform(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }

    /** {@code HttpClient.sendAsync} with a window of {@code concurrency} in flight. */
    @Benchmark
    @Measures(Variant.ASYNC)
    public BatchResult async(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }

    /** {@code workers} worker JVMs, one task each at a time. */
    @Benchmark
    @Measures(Variant.PROCESS)
    public BatchResult process(TaskCounters counters) throws InterruptedException {
        return runBatch(counters);
    }
}
