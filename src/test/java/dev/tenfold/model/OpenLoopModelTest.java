package dev.tenfold.model;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tenfold.backend.BackendStubs;
import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.http.HttpClients;
import dev.tenfold.workload.http.HttpItemTask;
import dev.tenfold.workload.http.ItemPayload;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The open loop against a real WireMock on loopback: arrivals do not wait for completions, every
 * response is checked, and each task's latency runs from the moment it was due, so a model past
 * its capacity shows a queue and latencies far above the server's delay (a closed loop would show
 * the delay alone: coordinated omission). Counts, not clocks, carry the assertions; the only time
 * bounds are lower bounds the arithmetic of the queue guarantees.
 */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class OpenLoopModelTest {
    private static final int LATENCY_MS = 20;
    private static WireMockServer server;
    private static HttpClients http;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(4));
        server.start();
        BackendStubs.installItem(server.baseUrl(), LATENCY_MS);
        http = HttpClients.create();
    }

    @AfterAll
    static void stopServer() {
        http.close();
        server.stop();
    }

    private static HttpItemTask task() {
        return new HttpItemTask(http.client(), server.baseUrl(), LATENCY_MS);
    }

    /**
     * An operation lasts its tasks' arrival time also right after a gap between calls (JMH's between
     * iterations): a schedule kept through the gap returned the next calls at once, so JMH counted
     * more operations per second than the offered rate.
     */
    @Test
    void anOperationAfterAGapLastsItsArrivalsTimeNotNone() throws Exception {
        HttpItemTask task = task();
        try (OpenLoopModel open = new OpenLoopModel(ExecutionModel.of(Variant.PLATFORM, 8, 1, task), 100,
                one -> { })) {
            open.run(task, 10);
            Thread.sleep(300); // three operations' time without a call
            long start = System.nanoTime();
            open.run(task, 10);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 90, "10 arrivals at 100/s take 0.1 s, after a gap too: " + millis + " ms");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"PLATFORM", "VIRTUAL", "ASYNC", "PROCESS"})
    void belowItsCapacityAModelKeepsUpAndChecksEveryResponse(Variant kind) throws Exception {
        AtomicLong reported = new AtomicLong();
        HttpItemTask task = task();
        // capacity C / L = 8 / 20 ms = 400/s (4 worker JVMs: 200/s); offered 100/s
        try (OpenLoopModel open = new OpenLoopModel(ExecutionModel.of(kind, 8, 4, task), 100,
                one -> reported.addAndGet(one.attempted()))) {
            // the warm-up asks the open loop for the JVMs that run its tasks: the wrapped model's
            assertEquals(kind == Variant.PROCESS ? 4 : 0, open.jvms(), "JVMs that run the tasks");
            for (int i = 0; i < 3; i++) {
                BatchResult result = open.run(task, 10); // a tenth of a second of arrivals, and what ended in it
                assertEquals(0, result.errors(), () -> kind + ": " + result.firstError());
                assertEquals(result.succeeded() * ItemPayload.CRC, result.digest(), "digest of the checked bodies");
                assertTrue(Arrays.stream(result.latencyNanos()).allMatch(n -> n >= LATENCY_MS * 1_000_000L),
                        () -> kind + ": each task took at least the server's delay: "
                        + Arrays.toString(result.latencyNanos()));
            }
            open.pause();
            assertTrue(open.arrived() >= 25, "the timer handed out about 100/s x 0.3 s: " + open.arrived());
            assertEquals(0, open.waiting(), "a pause waits for every task that arrived");
            assertEquals(open.arrived(), reported.get(), "every arrival reported once as it ended");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"PLATFORM", "VIRTUAL", "ASYNC", "PROCESS"})
    void pastItsCapacityTheQueueGrowsAndLatencyRunsFromTheIntendedStart(Variant kind) throws Exception {
        HttpItemTask task = task();
        // one in flight (one worker JVM): capacity 1 / 20 ms = 50/s; offered 200/s, a task due every 5 ms
        try (OpenLoopModel open = new OpenLoopModel(ExecutionModel.of(kind, 1, 1, task), 200, one -> { })) {
            List<Long> latencies = new ArrayList<>();
            while (latencies.size() < 20) {
                BatchResult result = open.run(task, 20); // 0.1 s of arrivals, and what ended in it
                assertEquals(0, result.errors(), () -> kind + ": " + result.firstError());
                Arrays.stream(result.latencyNanos()).forEach(latencies::add);
            }
            // 20 tasks end one after the other, >= 20 ms apart: by then >= 80 were due (arrivals never wait)
            assertTrue(open.waiting() >= 40, kind + ": arrivals outpace completions, yet only " + open.waiting()
                    + " wait");
            // the k-th task was due at k x 5 ms and ended no sooner than (k + 1) x 20 ms: the 20th waited >= 300 ms
            long longest = latencies.stream().mapToLong(Long::longValue).max().orElseThrow();
            assertTrue(longest >= 300_000_000L, kind + ": the latest task's latency counts its wait in the queue: "
                    + longest / 1e6 + " ms");
        }
    }

    @Test
    void aModelThatCannotTakeArrivalsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopModel(new SerialModel(), 10, one -> { }));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopModel(new PlatformPoolModel(1), 0, one -> { }));
    }
}
