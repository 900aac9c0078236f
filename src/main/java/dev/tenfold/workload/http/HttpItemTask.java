package dev.tenfold.workload.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import dev.tenfold.workload.AsyncTask;
import dev.tenfold.workload.TaskCheckFailed;
import dev.tenfold.workload.Workloads;

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
     * A request is many small methods, each called a few times: measured on the 2-core VM, a fork's
     * CPU per request at C=1000 falls from 0.5 ms to 0.17 ms, in steps, over its first ~100,000
     * requests (GC is not it: 14 pauses in 45 s), and a plain client loop's rate still climbs
     * after 20 s at C=1000 (the JIT's threads share 2 saturated cores). A batch that waits on
     * latency stops warming earlier, once its rate is steady (see BatchBenchmark).
     */
    @Override
    public int warmupTasks() {
        // A second per request is ~1,000 times the CPU a request costs: nothing the JIT still
        // compiles shows in the rate, and one serial batch of the article's 120 requests is 2 minutes.
        return latencyMs >= 1000 ? 0 : 200_000;
    }

    @Override
    public String spec() {
        return Workloads.spec(KIND, baseUrl, Integer.toString(latencyMs));
    }
}
