package dev.tenfold.model;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tenfold.backend.BackendStubs;
import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.http.HttpClients;
import dev.tenfold.workload.http.HttpItemTask;
import dev.tenfold.workload.http.ItemPayload;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every execution model, against a real WireMock on loopback: it issues exactly N requests (each
 * index once, checked by the server's journal), checks every response, and counts a bad response
 * as an error rather than as work done. The server runs in this JVM only so the test can read its
 * journal; the suite itself always runs the backend in its own JVM.
 */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class ExecutionModelsTest {
    private static final int LATENCY_MS = 20;
    private static final int TASKS = 40;
    private static final int CONCURRENCY = 8;
    private static WireMockServer server;
    private static HttpClients http;

    @BeforeAll
    static void startServer() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(4));
        server.start();
        http = HttpClients.create();
    }

    @AfterAll
    static void stopServer() {
        http.close();
        server.stop();
    }

    @BeforeEach
    void resetStubs() {
        server.resetAll();
        BackendStubs.installItem(server.baseUrl(), LATENCY_MS);
    }

    private static HttpItemTask task() {
        return new HttpItemTask(http.client(), server.baseUrl(), LATENCY_MS);
    }

    private static ExecutionModel model(Variant kind) throws Exception {
        return ExecutionModel.of(kind, CONCURRENCY, kind == Variant.PROCESS ? 2 : CONCURRENCY, task());
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"SERIAL", "PLATFORM", "VIRTUAL", "ASYNC", "FORKJOIN", "PROCESS"})
    void issuesEachRequestOnceAndChecksEveryResponse(Variant kind) throws Exception {
        BatchResult result;
        try (ExecutionModel model = model(kind)) {
            result = model.run(task(), TASKS);
        }
        assertEquals(TASKS, result.attempted());
        assertEquals(TASKS, result.succeeded(), () -> kind + " failed: " + result.firstError());
        assertEquals(0, result.errors());
        assertEquals(TASKS * ItemPayload.CRC, result.digest(), "digest of the checked bodies");
        assertTrue(java.util.Arrays.stream(result.latencyNanos()).allMatch(n -> n >= LATENCY_MS * 1_000_000L),
                () -> kind + ": every task, timed on its own, waited at least the backend's delay: "
                        + java.util.Arrays.toString(result.latencyNanos()));

        List<LoggedRequest> requests = server.findAll(getRequestedFor(urlPathMatching("/io/item/[0-9]+")));
        Map<String, Long> perPath = requests.stream()
                .collect(Collectors.groupingBy(r -> r.getUrl().replaceAll("\\?.*", ""), Collectors.counting()));
        assertEquals(TASKS, perPath.size(), "every index requested");
        assertTrue(perPath.values().stream().allMatch(n -> n == 1), "no index requested twice: " + perPath);
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"SERIAL", "PLATFORM", "VIRTUAL", "ASYNC", "FORKJOIN", "PROCESS"})
    void aBadResponseIsAnErrorNotWorkDone(Variant kind) throws Exception {
        server.stubFor(get(urlPathEqualTo("/io/item/3")).atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("boom")));
        server.stubFor(get(urlPathEqualTo("/io/item/7")).atPriority(1)
                .willReturn(aResponse().withStatus(200).withBody("{\"not\":\"the item\"}")));
        BatchResult result;
        try (ExecutionModel model = model(kind)) {
            result = model.run(task(), TASKS);
        }
        assertEquals(TASKS, result.attempted());
        assertEquals(2, result.errors(), kind + " must count the 500 and the wrong body as errors");
        assertEquals(TASKS - 2, result.succeeded());
        assertNotNull(result.firstError());
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"PLATFORM", "VIRTUAL", "ASYNC"})
    void concurrentModelsOverlapRequests(Variant kind) throws Exception {
        try (ExecutionModel model = model(kind)) {
            assertEquals(TASKS, model.run(task(), TASKS).succeeded());
        }
        // counted by the server, not timed: a busy machine slows the waves, not the overlap within one
        int peak = ServerJournal.peakInFlight(server, LATENCY_MS);
        assertTrue(peak >= CONCURRENCY / 2 && peak <= CONCURRENCY,
                kind + ": the server held at most " + peak + " requests at once, C=" + CONCURRENCY);
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = "SERIAL")
    void serialHoldsOneRequestAtATime(Variant kind) throws Exception {
        try (ExecutionModel model = model(kind)) {
            assertEquals(10, model.run(task(), 10).succeeded());
        }
        assertEquals(1, ServerJournal.peakInFlight(server, LATENCY_MS), "the journal's count of overlapping requests");
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = "PROCESS")
    void workerJvmsEndWithThePool(Variant kind) throws Exception {
        Function<Long, Boolean> alive = pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        ProcessPoolModel pool = (ProcessPoolModel) model(kind);
        List<Long> pids = pool.workerPids();
        try {
            assertEquals(2, pids.size());
            assertTrue(pids.stream().allMatch(alive::apply));
            for (long pid : pids) {
                List<String> arguments = List.of(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid
                        + "/cmdline")).split("\0"));
                assertTrue(arguments.containsAll(dev.tenfold.process.MeasuredJvm.asThisJvm()),
                        "the fork's heap and GC: " + arguments);
            }
        } finally {
            pool.close();
        }
        assertFalse(pids.stream().anyMatch(alive::apply), "worker JVMs left running: " + pids);
        // close() closes each worker's stdin and kills one only if it has not ended 5 s later
        assertEquals(0, pool.killedAtClose(), "the workers ended by themselves once their stdin closed");
    }
}
