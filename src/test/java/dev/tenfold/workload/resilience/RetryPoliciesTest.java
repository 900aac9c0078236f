package dev.tenfold.workload.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tenfold.backend.Backend;
import dev.tenfold.backend.BackendStubs;
import dev.tenfold.model.BatchResult;
import dev.tenfold.model.VirtualStreamModel;
import dev.tenfold.model.VirtualThreadModel;
import dev.tenfold.workload.resilience.ResilientItemTask.Endpoint;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import dev.tenfold.workload.http.HttpClients;
import dev.tenfold.workload.RetryCounting;

/** Backoff, the AIMD limit, and each policy against the real rate-limited and flaky endpoints. */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class RetryPoliciesTest {
    private static final int K = 10;
    private static final int C = 40;
    private static final int LATENCY_MS = 20;
    private static final Flakiness FLAKY = new Flakiness(0.2, 0.1, 3);
    private static Backend backend;
    private static HttpClients http;

    @BeforeAll
    static void start() throws Exception {
        backend = Backend.start();
        http = HttpClients.create();
        BackendStubs.installLimited(backend.url(), LATENCY_MS);
        BackendStubs.installFlaky(backend.url(), LATENCY_MS);
    }

    @AfterAll
    static void stop() {
        http.close();
        backend.close();
    }

    @Test
    void backoffDoublesWithFullJitterAndHonoursRetryAfter() {
        Backoff backoff = new Backoff(100, 1_000, 8);
        SplittableRandom random = new SplittableRandom(1);
        long maxFirst = 0;
        long maxFifth = 0;
        long minAfter429 = Long.MAX_VALUE;
        long maxAfter429 = 0;
        for (int i = 0; i < 2_000; i++) {
            maxFirst = Math.max(maxFirst, backoff.delayMs(1, 0, random));
            maxFifth = Math.max(maxFifth, backoff.delayMs(5, 0, random));
            long after429 = backoff.delayMs(3, 1_000, random);
            minAfter429 = Math.min(minAfter429, after429);
            maxAfter429 = Math.max(maxAfter429, after429);
        }
        assertTrue(maxFirst > 80 && maxFirst <= 100, "first retry waits up to 100 ms, saw " + maxFirst);
        assertTrue(maxFifth > 900 && maxFifth <= 1_000, "capped at 1 s, saw " + maxFifth);
        // Retry-After is a floor, and the jitter still spreads a wave of 429s over the next 400 ms.
        assertTrue(minAfter429 >= 1_000 && minAfter429 < 1_050, "never before Retry-After, saw " + minAfter429);
        assertTrue(maxAfter429 > 1_350 && maxAfter429 <= 1_400, "jitter above Retry-After, saw " + maxAfter429);
    }

    @Test
    void aimdShrinksOnRejectionAndGrowsOnSuccess() throws InterruptedException {
        AimdLimit limit = new AimdLimit(10, 20);
        limit.release(limit.acquire(), false, true);
        assertEquals(9.0, limit.limit(), 1e-9);
        limit.release(limit.acquire(), true, false);
        assertEquals(9.0, limit.limit(), 1e-9, "a success with the limit not full does not grow it");
        for (int i = 0; i < 1_000; i++) {
            int full = (int) limit.limit();
            long[] tickets = new long[full];
            for (int j = 0; j < full; j++) {
                tickets[j] = limit.acquire();
            }
            limit.release(tickets[0], true, false);
            for (int j = 1; j < full; j++) {
                limit.release(tickets[j], false, false);
            }
        }
        assertEquals(20.0, limit.limit(), 1e-9, "grows while full, never above the caller's concurrency");
        limit.release(limit.acquire(), false, false);
        assertEquals(20.0, limit.limit(), 1e-9, "a 503 or reset is not a congestion signal");
        long[] before = new long[10];
        for (int j = 0; j < 10; j++) {
            before[j] = limit.acquire();
        }
        limit.reset(10);
        assertEquals(10.0, limit.limit(), 1e-9, "a cold start forgets what was learnt");
        limit.release(before[0], true, false);
        limit.release(before[1], false, true);
        assertEquals(10.0, limit.limit(), 1e-9, "requests sent before the reset teach the fresh limit nothing");
        for (int j = 2; j < 10; j++) {
            limit.release(before[j], true, false);
        }
        long[] fresh = new long[10];
        for (int j = 0; j < 10; j++) {
            fresh[j] = limit.acquire();
        }
        limit.release(fresh[0], true, false);
        assertEquals(11.0, limit.limit(), 1e-9, "after the reset: slow start again");
    }

    @Test
    void aimdDoublesPerRoundTripUntilTheFirst429AndShrinksOncePerRoundTrip() throws InterruptedException {
        AimdLimit limit = new AimdLimit(10, 100);
        for (int round = 0; round < 2; round++) {
            int full = (int) limit.limit();
            long[] tickets = new long[full];
            for (int j = 0; j < full; j++) {
                tickets[j] = limit.acquire();
            }
            for (int j = 0; j < full; j++) {
                limit.release(tickets[j], true, false);
            }
        }
        // each round: the first success finds the limit full and adds one (slow start), the rest do not
        assertEquals(12.0, limit.limit(), 1e-9, "slow start: one per success while full");
        long[] overshoot = new long[12];
        for (int j = 0; j < 12; j++) {
            overshoot[j] = limit.acquire();
        }
        for (long ticket : overshoot) {
            limit.release(ticket, false, true);
        }
        assertEquals(12 * 0.9, limit.limit(), 1e-9, "twelve 429s of one round trip are one signal");
        limit.release(limit.acquire(), false, true);
        assertEquals(12 * 0.9 * 0.9, limit.limit(), 1e-9, "a request sent after the decrease shrinks it again");
        limit.release(limit.acquire(), true, false);
        assertEquals(12 * 0.9 * 0.9, limit.limit(), 1e-9, "after a 429, growth is additive (and needs a full limit)");
    }

    @Test
    void noRetryLosesEveryRejectedRequestAsAnError() throws Exception {
        ResilientItemTask task = task(Endpoint.LIMITED, RetryPolicy.NO_RETRY);
        BatchResult result = new VirtualThreadModel(C).run(task, 200);
        RetryCounting.RetryCounts counts = task.drainRetryCounts();
        assertEquals(200, result.succeeded() + result.errors());
        assertTrue(result.errors() > 0, "C=" + C + " against K=" + K + " must hit the limit");
        assertEquals(result.errors(), counts.rejected(), "each error is one 429");
        assertEquals(0, counts.retries());
    }

    /**
     * A stream reports each task as it ends, on the task's thread, with that task's own 429s: the
     * counts a window gets are those of the tasks that ended in it, so no task brings more 429s
     * than it sent requests (counted per call, a stream's window also got the 429s of tasks that
     * had ended between windows: 122% of the requests it sent).
     */
    @Test
    void aStreamHandsOverEachTasksCountsOnTheThreadThatRanIt() throws Exception {
        ResilientItemTask task = task(Endpoint.LIMITED, RetryPolicy.NO_RETRY);
        java.util.concurrent.atomic.LongAdder rejected = new java.util.concurrent.atomic.LongAdder();
        java.util.concurrent.atomic.LongAdder errors = new java.util.concurrent.atomic.LongAdder();
        try (VirtualStreamModel stream = new VirtualStreamModel(C, ended -> {
            rejected.add(task.drainThisThread().rejected());
            errors.add(ended.errors());
        })) {
            stream.run(task, 200);
            stream.pause();
        }
        assertTrue(rejected.sum() > 0, "C=" + C + " against K=" + K + " must hit the limit");
        assertEquals(task.drainRetryCounts().rejected(), rejected.sum(), "every 429 reaches its task's report");
        assertTrue(rejected.sum() <= errors.sum(), "no retry: a 429 is one failed task, " + rejected + " > " + errors);
    }

    @Test
    void retryFinishesEveryRequest() throws Exception {
        ResilientItemTask task = task(Endpoint.LIMITED, RetryPolicy.RETRY);
        BatchResult result = new VirtualThreadModel(C).run(task, 200);
        RetryCounting.RetryCounts counts = task.drainRetryCounts();
        assertEquals(0, result.errors(), result.firstError());
        assertTrue(counts.rejected() > 0 && counts.retries() >= counts.rejected(), counts.toString());
    }

    @Test
    void adaptiveLearnsTheLimitAndFinishesEveryRequest() throws Exception {
        ResilientItemTask task = task(Endpoint.LIMITED, RetryPolicy.ADAPTIVE);
        BatchResult result = new VirtualThreadModel(C).run(task, 600);
        RetryCounting.RetryCounts counts = task.drainRetryCounts();
        assertEquals(0, result.errors(), result.firstError());
        // The server frees a slot at its last byte, a moment before the client sees the response, so
        // the learnt limit may sit a little above K; without AIMD it would stay at C = 4K.
        assertTrue(task.adaptiveLimit() <= 1.5 * K, "the limit settles near K=" + K + ": " + task.adaptiveLimit());
        assertTrue(counts.rejected() < 60, "few 429s once the limit is learnt: " + counts);
    }

    /**
     * Sustained, retrying clients keep most of the server's K slots busy: a rejected task waits out
     * its Retry-After of 1 s while the others keep going (a batch would end with that task). At
     * K=10 and 20 ms a rejected task sleeps 50 request times, and with C=40 few others are awake to
     * take its slot: retry keeps about 58% of K/L here, adaptive (rejected less) about 78%.
     */
    @Test
    void sustainedRetryAndAdaptiveKeepTheLimitBusy() throws Exception {
        double ceiling = K * 1000.0 / LATENCY_MS;
        java.util.Map<RetryPolicy, Double> least = java.util.Map.of(RetryPolicy.RETRY, 0.45, RetryPolicy.ADAPTIVE,
                0.65);
        for (RetryPolicy policy : java.util.List.of(RetryPolicy.RETRY, RetryPolicy.ADAPTIVE)) {
            ResilientItemTask task = task(Endpoint.LIMITED, policy);
            try (VirtualStreamModel stream = new VirtualStreamModel(C, ended -> { })) {
                stream.run(task, 500); // the warm-up: adaptive learns K
                task.drainRetryCounts();
                long start = System.nanoTime();
                BatchResult window = stream.run(task, 1_000);
                double goodput = window.succeeded() / ((System.nanoTime() - start) / 1e9);
                assertEquals(0, window.errors(), policy + ": " + window.firstError());
                assertTrue(goodput >= least.get(policy) * ceiling,
                        policy + ": goodput " + goodput + "/s of K/L = " + ceiling + "/s");
            }
        }
    }

    @Test
    void onTheFlakyEndpointRetryTurnsFailuresIntoRetries() throws Exception {
        ResilientItemTask once = task(Endpoint.FLAKY, RetryPolicy.NO_RETRY);
        BatchResult lost = new VirtualThreadModel(C).run(once, 200);
        long expectedFailures = java.util.stream.IntStream.range(0, 200)
                .filter(i -> FLAKY.outcome(i, 0) != Flakiness.Outcome.OK).count();
        assertEquals(expectedFailures, lost.errors(), "no-retry fails exactly the seed's first draws");

        ResilientItemTask retried = task(Endpoint.FLAKY, RetryPolicy.RETRY);
        BatchResult finished = new VirtualThreadModel(C).run(retried, 200);
        assertEquals(0, finished.errors(), finished.firstError());
        assertTrue(retried.drainRetryCounts().retries() >= expectedFailures);
    }

    private static ResilientItemTask task(Endpoint endpoint, RetryPolicy policy) {
        return new ResilientItemTask(http.client(), backend.url(), endpoint, LATENCY_MS, K, FLAKY, policy,
                new Backoff(10, 200, 8), C);
    }
}
