package dev.tenfold.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenfold.workload.resilience.Flakiness;
import dev.tenfold.workload.http.HttpClients;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The rate-limited and flaky endpoints, against a real backend JVM on loopback. */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class ResilienceEndpointsTest {
    private static Backend backend;
    private static HttpClients http;

    @BeforeAll
    static void start() throws IOException {
        backend = Backend.start();
        http = HttpClients.create();
    }

    @AfterAll
    static void stop() {
        http.close();
        backend.close();
    }

    /**
     * 20 requests at once against K=5 and a 500 ms delay: exactly 5 are admitted, 15 get 429 with
     * Retry-After, and when they are done the count is back at 0, so the next 5 all pass.
     */
    @Test
    void theLimitAdmitsExactlyKInFlight() throws Exception {
        BackendStubs.installLimited(backend.url(), 500);
        List<Integer> burst = concurrently(20, i -> get(limited(i, 500, 5)).statusCode());
        assertEquals(5, burst.stream().filter(s -> s == 200).count(), "statuses " + burst);
        assertEquals(15, burst.stream().filter(s -> s == 429).count(), "statuses " + burst);
        awaitIdle();
        assertTrue(concurrently(5, i -> get(limited(i, 500, 5)).statusCode()).stream().allMatch(s -> s == 200));
        awaitIdle();
    }

    /**
     * The backend times admitted responses only: a burst of 20 against K=5 and 300 ms adds the 5
     * admitted to its count, at 300 ms or more each; the 15 instant 429s would pull the mean to ~75 ms.
     * Its count of requests answered has all 20, for checking against what the client sent.
     */
    @Test
    void theServedLatencyLeavesRejectionsOut() throws Exception {
        BackendStubs.installLimited(backend.url(), 300);
        JsonNode before = new ObjectMapper().readTree(get(ServedLatency.PATH).body());
        List<Integer> burst = concurrently(20, i -> get(limited(i, 300, 5)).statusCode());
        awaitIdle();
        JsonNode after = new ObjectMapper().readTree(get(ServedLatency.PATH).body());
        long admitted = burst.stream().filter(s -> s == 200).count();
        long served = after.path("count").asLong() - before.path("count").asLong();
        assertEquals(admitted, served, "statuses " + burst);
        double meanMs = (after.path("nanos").asLong() - before.path("nanos").asLong()) / 1e6 / served;
        assertTrue(meanMs >= 300 && meanMs < 600, "admitted responses served in " + meanMs + " ms on average");
        long answered = after.path("requests").asLong() - before.path("requests").asLong();
        assertEquals(20, answered, "every request is counted as answered, 429s included (the admin GETs are not)");
        // the same admitted responses in the backend's HdrHistogram, which a window reads as the difference of two
        // readings
        org.HdrHistogram.Histogram window = org.HdrHistogram.Histogram.fromString(after.path("histogram").asText());
        window.subtract(org.HdrHistogram.Histogram.fromString(before.path("histogram").asText()));
        assertEquals(admitted, window.getTotalCount());
        assertTrue(window.getMinValue() >= 300_000_000L, "each admitted response took the stub's 300 ms at least: "
                + window.getMinValue());
    }

    /**
     * Many clients hammering K=10 with short delays: the backend never lets more than K in at once
     * (peak since the reset), reaches K, and every 200 the clients saw was an admission it counted.
     * Reading the statistics does not reset the peak: two readings agree.
     */
    @Test
    void theCountIsExactUnderContention() throws Exception {
        BackendStubs.installLimited(backend.url(), 20);
        JsonNode before = new ObjectMapper().readTree(http.client().send(HttpRequest.newBuilder(
                URI.create(backend.url() + InFlightLimit.ADMIN_PATH)).DELETE().build(),
                HttpResponse.BodyHandlers.ofByteArray()).body());
        assertEquals(0, before.path("peak").asInt(), "the reset sets the peak to what is in flight now");
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger tooMany = new AtomicInteger();
        concurrently(100, client -> {
            for (int j = 0; j < 8; j++) {
                HttpResponse<byte[]> r = get(limited(client * 8 + j, 20, 10));
                (r.statusCode() == 200 ? ok : tooMany).incrementAndGet();
                if (r.statusCode() == 429) {
                    assertEquals("1", r.headers().firstValue("Retry-After").orElse(""));
                }
            }
            return 0;
        });
        JsonNode after = awaitIdle();
        assertEquals(800, ok.get() + tooMany.get());
        assertTrue(ok.get() > 0 && tooMany.get() > 0, ok + " ok, " + tooMany + " 429");
        assertEquals(ok.get(), after.path("admitted").asLong() - before.path("admitted").asLong());
        assertEquals(tooMany.get(), after.path("rejected").asLong() - before.path("rejected").asLong());
        assertEquals(10, after.path("peak").asInt(), "most admitted at once");
        assertEquals(10, limitStats().path("peak").asInt(), "a second reading agrees");
    }

    /**
     * K clients that hang up in the middle of their delay give their slots back: the count returns
     * to 0 once the abandoned responses end, and the next K are all admitted.
     */
    @Test
    void clientsThatDisconnectMidDelayGiveTheirSlotsBack() throws Exception {
        BackendStubs.installLimited(backend.url(), 300);
        URI base = URI.create(backend.url());
        List<java.net.Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort());
                socket.getOutputStream().write(("GET " + limited(i, 300, 5) + " HTTP/1.1\r\nHost: " + base.getHost()
                        + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                sockets.add(socket);
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (limitStats().path("inFlight").asInt() < 5 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(5, limitStats().path("inFlight").asInt(), "all five admitted before they hang up");
        } finally {
            for (java.net.Socket socket : sockets) {
                socket.close();
            }
        }
        JsonNode idle = awaitIdle();
        List<Integer> next = concurrently(5, i -> get(limited(i, 300, 5)).statusCode());
        assertTrue(next.stream().allMatch(s -> s == 200), "the next five are admitted: " + next + " after " + idle
                + ", now " + limitStats());
        awaitIdle();
    }

    /** The flaky endpoint fails exactly the requests its seed picks: 503, reset, or the item after the delay. */
    @Test
    void theFlakyEndpointFailsWhatTheSeedSays() throws Exception {
        BackendStubs.installFlaky(backend.url(), 10);
        Flakiness flakiness = new Flakiness(0.2, 0.1, 7);
        Map<Flakiness.Outcome, Integer> seen = new ConcurrentHashMap<>();
        for (int item = 0; item < 60; item++) {
            for (int attempt = 0; attempt < 2; attempt++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(backend.url() + "/resilience/flaky/" + item
                        + "?latencyMs=10&" + flakiness.query())).header(Flakiness.ATTEMPT_HEADER,
                        Integer.toString(attempt)).build();
                Flakiness.Outcome observed;
                try {
                    int status = http.client().send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
                    observed = status == 200 ? Flakiness.Outcome.OK : status == 503 ? Flakiness.Outcome.UNAVAILABLE
                            : null;
                } catch (IOException reset) {
                    observed = Flakiness.Outcome.RESET;
                }
                assertEquals(flakiness.outcome(item, attempt), observed, "item " + item + " attempt " + attempt);
                seen.merge(observed, 1, Integer::sum);
            }
        }
        assertEquals(3, seen.size(), "all three outcomes occur in 120 draws: " + seen);
    }

    private static String limited(int item, int latencyMs, int limit) {
        return "/resilience/limited/" + item + "?latencyMs=" + latencyMs + "&limit=" + limit;
    }

    private static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return http.client().send(HttpRequest.newBuilder(URI.create(backend.url() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode limitStats() throws IOException, InterruptedException {
        return new ObjectMapper().readTree(get(InFlightLimit.ADMIN_PATH).body());
    }

    /** The backend releases a request after its last byte, a moment after the client has it. */
    private static JsonNode awaitIdle() throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        JsonNode stats = limitStats();
        while (stats.path("inFlight").asInt() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
            stats = limitStats();
        }
        assertEquals(0, stats.path("inFlight").asInt(), "requests still counted in flight: " + stats);
        return stats;
    }

    interface Call {
        int call(int i) throws Exception;
    }

    /** Runs {@code n} calls on virtual threads released at the same instant; their results in order. */
    private static List<Integer> concurrently(int n, Call call) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                results.add(threads.submit(() -> {
                    go.await();
                    return call.call(index);
                }));
            }
            go.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : results) {
                out.add(f.get());
            }
            return out;
        }
    }
}
