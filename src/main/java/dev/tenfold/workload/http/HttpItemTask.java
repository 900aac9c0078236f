package dev.tenfold.workload.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import dev.tenfold.workload.AsyncTask;
import dev.tenfold.workload.Task;
import dev.tenfold.workload.TaskCheckFailed;
import dev.tenfold.workload.TaskSpec;
import dev.tenfold.workload.WorkerTask;

/**
 * The I/O task: {@code GET /io/item/{index}?latencyMs=L}, answered by the backend after L ms.
 * A response counts only when the status is 200 and the body is the expected item byte for byte.
 */
public final class HttpItemTask implements AsyncTask {
    public static final String KIND = "http-item";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final String baseUrl;
    private final int latencyMs;

    public HttpItemTask(HttpClient client, String baseUrl, int latencyMs) {
        this.client = client;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.latencyMs = latencyMs;
    }

    /** The same requests answered at once: the backend's item stub for latency 0 must be installed. */
    @Override
    public Task withoutLatency() {
        return latencyMs == 0 ? this : new HttpItemTask(client, baseUrl, 0);
    }

    /** The path and query of item {@code index}, as the backend's stub matches it. */
    public static String path(int index, int latencyMs) {
        return "/io/item/" + index + "?latencyMs=" + latencyMs;
    }

    private HttpRequest request(int index) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path(index, latencyMs)))
                .timeout(REQUEST_TIMEOUT).GET().build();
    }

    @Override
    public long run(int index) throws Exception {
        return check(client.send(request(index), HttpResponse.BodyHandlers.ofByteArray()));
    }

    @Override
    public CompletableFuture<Long> runAsync(int index) {
        return client.sendAsync(request(index), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> {
                    try {
                        return check(response);
                    } catch (TaskCheckFailed e) {
                        throw new java.util.concurrent.CompletionException(e);
                    }
                });
    }

    /** Status 200 and the item byte for byte, or {@link TaskCheckFailed}. */
    public static long check(HttpResponse<byte[]> response) throws TaskCheckFailed {
        if (response.statusCode() != 200) {
            throw new TaskCheckFailed("HTTP " + response.statusCode() + " from " + response.uri());
        }
        byte[] body = response.body();
        long crc = ItemPayload.crc(body);
        if (body.length != ItemPayload.BYTES.length || crc != ItemPayload.CRC) {
            throw new TaskCheckFailed("unexpected body (" + body.length + " bytes) from " + response.uri());
        }
        return crc;
    }

    /**
     * A request is many small methods, each called once or a few times: C2 compiles a method after
     * 5,000 calls (Tier4InvocationThreshold), more while its queue is long (on 2 cores the client's
     * path reached C2 between 10,000 and 20,000 requests), so 10,000 requests (the twin without
     * latency runs them in seconds; see measure/TrialWarmUp) before the warm-up asks whether the JIT is
     * done, within the profile's cap. What it still compiles afterwards is measured (jit_ms). Not
     * 20,000: in quick (13 s cap) the longer twin takes 3.5 s from the task's own warm-up, and its
     * I/O rows' windows held no less compile (252-328 ms per fork, against 112-268 with 10,000;
     * PrintCompilation: the request's own path reaching C2, and recompiled after the twin's
     * uncommon traps).
     */
    @Override
    public int warmupTasks() {
        // A second per request is ~1,000 times the CPU a request costs: nothing the JIT still
        // compiles shows in the rate, and one serial batch of the article's 120 requests is 2 minutes.
        return latencyMs >= 1000 ? 0 : 10_000;
    }

    @Override
    public String describe() {
        return workerSpec().line();
    }

    @Override
    public TaskSpec workerSpec() {
        return TaskSpec.of(KIND, baseUrl, Integer.toString(latencyMs));
    }

    /** In a worker JVM: the task of {@link #workerSpec()}, with a client of its own. */
    public static WorkerTask fromSpec(TaskSpec spec) {
        HttpClients http = HttpClients.create();
        return new WorkerTask(new HttpItemTask(http.client(), spec.arg(0), spec.intArg(1)), http);
    }
}
