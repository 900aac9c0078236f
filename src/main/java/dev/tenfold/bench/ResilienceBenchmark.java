package dev.tenfold.bench;

import dev.tenfold.backend.BackendStubs;
import dev.tenfold.model.BatchResult;
import dev.tenfold.model.ExecutionModel;
import dev.tenfold.model.VirtualStreamModel;
import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.resilience.Backoff;
import dev.tenfold.workload.resilience.Flakiness;
import dev.tenfold.workload.resilience.ResilientItemTask;
import dev.tenfold.workload.resilience.ResilientItemTask.Endpoint;
import dev.tenfold.workload.resilience.RetryPolicy;
import dev.tenfold.workload.Task;
import java.net.http.HttpClient;
import java.util.Locale;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The claim: "too much concurrency triggers the server's rate limit; retry with exponential backoff
 * ({@code 0.1 * 2^attempt} s)".
 *
 * <p>Each operation fetches {@code tasks} items from one of two endpoints of the backend JVM:
 * {@code limited} answers 429 + Retry-After when {@code limit} (K) requests are already in flight
 * (counted exactly inside the backend, until each response's last byte); {@code flaky} fails a set
 * fraction of requests with 503 or a connection reset, drawn reproducibly from a seed. The client
 * policy ({@code no-retry}, {@code retry}: backoff with full jitter honouring Retry-After,
 * {@code adaptive}: the same behind an AIMD limit on requests in flight) is the variable; the
 * execution model is virtual threads ({@code virtual}, C in flight) against a {@code serial}
 * baseline. Throughput counts successful tasks only (goodput); every task ends as a success or an
 * error, and retries and 429s are counted.
 *
 * <p>{@code virtual} runs as a stream ({@link VirtualStreamModel}): C tasks stay in flight across
 * operations, and an operation is the next {@code tasks} tasks to end. Goodput is then the policy's
 * sustained rate, not the tail of a job (a batch would end with its last task waiting out a
 * Retry-After). The {@code adaptive} limit lives as long as the trial's client, as a service's
 * would: it learns K during the warm-up and keeps what it learned; {@code adaptive-cold} starts
 * each measured sample from the initial limit (10) again, so the learning is in its figure.
 *
 * <p>Run it: {@code ./run-benchmarks.sh --include resilience/}, or bare: {@code java -jar
 * target/benchmarks.jar ResilienceBenchmark.virtual -p endpoint=limited -p policy=retry -p
 * concurrency=500 -p tasks=2000 -prof dev.tenfold.measure.WindowProfiler}.
 *
 * <p>What you should see against K=50 at L=50 ms: up to C=K every policy is Little's law, C/L.
 * Past K, {@code no-retry} keeps goodput near K/L but loses every rejected request as an error;
 * {@code retry} finishes them, but each 429 costs a Retry-After of 1 s, so goodput falls below K/L;
 * {@code adaptive} learns to keep about K in flight, receives few 429s, and stays near K/L. On the
 * flaky endpoint, retries turn the failure fraction into extra latency instead of errors.
 */
public class ResilienceBenchmark extends JavaFamilyBenchmark {

    /** {@code limited} (429 past K in flight) or {@code flaky} (503s and connection resets). */
    @Param("limited")
    public String endpoint;

    /** {@code no-retry}, {@code retry}, {@code adaptive} or {@code adaptive-cold}. */
    @Param("no-retry")
    public String policy;

    /** K: requests the limited endpoint lets in flight. */
    @Param("50")
    public int limit;

    /** The backend's fixed delay per admitted request. */
    @Param("50")
    public int latencyMs;

    /** The flaky endpoint's share of 503 answers. */
    @Param("0.1")
    public double unavailable;

    /** The flaky endpoint's share of reset connections. */
    @Param("0.05")
    public double reset;

    /** Seed of the flaky endpoint's draw: the same seed fails the same requests. */
    @Param("42")
    public long seed;

    @Override
    protected ExecutionModel createModel(Variant variant, Task task) throws Exception {
        return variant == Variant.VIRTUAL ? new VirtualStreamModel(concurrency, this::tallyEach)
                : super.createModel(variant, task);
    }

    private ResilientItemTask task;
    private RetryPolicy retry;

    @Override
    protected Task createTask() throws java.io.IOException {
        String backendUrl = backendUrl();
        HttpClient client = httpClient();
        Endpoint which = Endpoint.valueOf(endpoint.toUpperCase(Locale.ROOT));
        retry = RetryPolicy.of(policy);
        for (int stubLatency : new int[] {latencyMs, 0}) { // 0: the warm-up's twin (Task#withoutLatency)
            if (which == Endpoint.LIMITED) {
                BackendStubs.installLimited(backendUrl, stubLatency);
            } else {
                BackendStubs.installFlaky(backendUrl, stubLatency);
            }
        }
        task = new ResilientItemTask(client, backendUrl, which, latencyMs, limit,
                new Flakiness(unavailable, reset, seed), retry, Backoff.ARTICLE, concurrency);
        return task;
    }


    /**
     * {@code adaptive-cold}: every sample starts from the initial limit, as a client that has just
     * started would. Per iteration, not per invocation: the learning is what the sample measures.
     */
    @Setup(Level.Iteration)
    public void startSample() {
        if (retry == RetryPolicy.ADAPTIVE_COLD) {
            task.startCold();
        }
    }
}
