package dev.tenfold.workload.resilience;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import dev.tenfold.workload.http.HttpItemTask;
import dev.tenfold.workload.RetryCounting;
import dev.tenfold.workload.Task;
import dev.tenfold.workload.TaskCheckFailed;

/**
 * The resilience task: fetch item {@code index} from the rate-limited or the flaky endpoint under a
 * {@link RetryPolicy}. It succeeds only with status 200 and the item byte for byte; a 429, a 503 or a
 * reset connection is retried (per the policy) and, once attempts run out, the task is an error.
 * It blocks while it backs off, so it is meant for thread-per-task models (virtual threads).
 *
 * <p>It counts what happened on the way, which the benchmark drains after every batch: retries
 * (attempts after the first) and 429s received.
 */
public final class ResilientItemTask implements Task, RetryCounting {
    public static final String KIND = "http-resilient";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** Which endpoint: the one answering 429 past K in flight, or the one failing a set fraction. */
    public enum Endpoint { LIMITED, FLAKY }

    private final HttpClient client;
    private final String baseUrl;
    private final Endpoint endpoint;
    private final int limit;
    private final Flakiness flakiness;
    private final int concurrency;
    private final int latencyMs;
    private final String query;
    private final RetryPolicy policy;
    private final Backoff backoff;
    private final AimdLimit adaptive;
    private final LongAdder retries = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    /** Retries and 429s of the tasks the current thread ran: {@link #drainThisThread}. */
    private final ThreadLocal<long[]> thisThread = ThreadLocal.withInitial(() -> new long[2]);

    /**
     * @param limit       K, the in-flight limit the rate-limited endpoint enforces
     * @param flakiness   the flaky endpoint's failure fractions and seed
     * @param concurrency the caller's own concurrency: the adaptive limit never exceeds it
     */
    public ResilientItemTask(HttpClient client, String baseUrl, Endpoint endpoint, int latencyMs, int limit,
                             Flakiness flakiness, RetryPolicy policy, Backoff backoff, int concurrency) {
        this.client = client;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.endpoint = endpoint;
        this.limit = limit;
        this.flakiness = flakiness;
        this.concurrency = concurrency;
        this.latencyMs = latencyMs;
        this.query = "latencyMs=" + latencyMs + "&" + (endpoint == Endpoint.LIMITED ? "limit=" + limit
                : flakiness.query());
        this.policy = policy;
        this.backoff = backoff;
        // Start well under any sensible K and let additive increase find the rest during warm-up.
        this.adaptive = policy.adaptive() ? new AimdLimit(INITIAL_LIMIT, concurrency) : null;
    }

    /**
     * The same requests, policy and checks against the endpoint's stub for latency 0 (the benchmark
     * installs it): the warm-up's twin, so that the JIT's call counts come in seconds and not in the
     * minutes one request at a time at 50 ms takes (serial ran 760 requests in its 40 s cap and
     * compiled 0.8-1.1 s per fork inside its windows). Its retries, 429s and adaptive limit are its own.
     */
    @Override
    public Task withoutLatency() {
        return latencyMs == 0 ? this : new ResilientItemTask(client, baseUrl, endpoint, 0, limit, flakiness, policy,
                backoff, concurrency);
    }

    /** Where an adaptive limit starts: well under any sensible K. */
    static final int INITIAL_LIMIT = 10;

    /** Forgets what the adaptive limit learnt: it starts again from {@value #INITIAL_LIMIT}; a no-op without one. */
    public void startCold() {
        if (adaptive != null) {
            adaptive.reset(INITIAL_LIMIT);
        }
    }

    private HttpRequest request(int index, int attempt) {
        String path = endpoint == Endpoint.LIMITED ? "/resilience/limited/" : "/resilience/flaky/";
        return HttpRequest.newBuilder(URI.create(baseUrl + path + index + "?" + query))
                .header(Flakiness.ATTEMPT_HEADER, Integer.toString(attempt))
                .timeout(REQUEST_TIMEOUT).GET().build();
    }

    @Override
    public long run(int index) throws Exception {
        int attempts = policy.retries() ? backoff.maxAttempts() : 1;
        long retryAfterMs = 0;
        String lastFailure = "";
        for (int attempt = 0; attempt < attempts; attempt++) {
            if (attempt > 0) {
                retries.increment();
                thisThread.get()[0]++;
                Thread.sleep(backoff.delayMs(attempt, retryAfterMs, ThreadLocalRandom.current()));
            }
            long ticket = adaptive == null ? 0 : adaptive.acquire();
            int status = 0;
            try {
                HttpResponse<byte[]> response = client.send(request(index, attempt),
                        HttpResponse.BodyHandlers.ofByteArray());
                status = response.statusCode();
                if (status == 200) {
                    return HttpItemTask.check(response);
                }
                lastFailure = "HTTP " + status;
                retryAfterMs = status == 429 ? retryAfterMs(response) : 0;
            } catch (IOException failed) {
                lastFailure = failed.getClass().getSimpleName() + ": " + failed.getMessage();
                retryAfterMs = 0;
            } finally {
                if (status == 429) {
                    rejected.increment();
                    thisThread.get()[1]++;
                }
                if (adaptive != null) {
                    adaptive.release(ticket, status == 200, status == 429);
                }
            }
        }
        throw new TaskCheckFailed("item " + index + " failed after " + attempts + " attempt(s), last: " + lastFailure);
    }

    private static long retryAfterMs(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .filter(v -> v.matches("[0-9]{1,5}"))
                .map(v -> Long.parseLong(v) * 1000).orElse(0L);
    }

    @Override
    public RetryCounts drainRetryCounts() {
        return new RetryCounts(retries.sumThenReset(), rejected.sumThenReset());
    }

    @Override
    public RetryCounts drainThisThread() {
        long[] counts = thisThread.get();
        RetryCounts drained = new RetryCounts(counts[0], counts[1]);
        counts[0] = 0;
        counts[1] = 0;
        return drained;
    }

    /** The adaptive limit now, or NaN without one (tests and troubleshooting). */
    public double adaptiveLimit() {
        return adaptive == null ? Double.NaN : adaptive.limit();
    }

    /**
     * What this family measures is goodput against the server's limit, set by K, the latency and
     * Retry-After, not by the client's CPU: a few thousand requests warm the path (see HttpItemTask
     * for what a full warm-up of the client takes).
     */
    @Override
    public int warmupTasks() {
        return 5_000;
    }

    /** Runs only in this JVM: the resilience family runs no worker JVMs. */
    @Override
    public String describe() {
        return KIND + " " + baseUrl + " " + endpoint.name() + "?" + query + " " + policy.label();
    }
}
