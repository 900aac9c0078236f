package dev.tenfold.model;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tenfold.backend.BackendStubs;
import dev.tenfold.workload.cpu.Sha256ChainTask;
import dev.tenfold.workload.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import dev.tenfold.workload.http.HttpItemTask;

/**
 * The Python recipe against the Java side's expectations: the same SHA-256 digests from the same
 * inputs, every request made and checked against a real WireMock on loopback, concurrency that is
 * real, and failures (a missing interpreter, a crash, a hang, a wrong answer) that end as counted
 * errors or one clear exception, never as a stuck test or a process left behind.
 */
@Timeout(120)
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class PythonRecipeModelTest {
    private static final int LATENCY_MS = 50;
    private static final Sha256ChainTask SHA = new Sha256ChainTask(4096, 40);
    private static WireMockServer server;
    private static String python;

    @BeforeAll
    static void start() {
        python = PythonInterpreter.find().map(PythonInterpreter::command).orElse(null);
        Assumptions.assumeTrue(python != null, "no python3 >= 3.8 on this machine");
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .asynchronousResponseEnabled(true).asynchronousResponseThreads(4));
        server.start();
        BackendStubs.installItem(server.baseUrl(), LATENCY_MS);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static PythonRecipeModel recipe(Map<String, Object> settings) throws IOException {
        return new PythonRecipeModel(python, settings, Duration.ofSeconds(30));
    }

    private static final Task HTTP = new dev.tenfold.workload.http.HttpItemTask(null, "http://unused", LATENCY_MS);

    @ParameterizedTest
    @ValueSource(strings = {"serial", "threads", "process"})
    void pythonDigestsAreJavasDigests(String model) throws Exception {
        BatchResult result;
        try (PythonRecipeModel recipe = recipe(PythonRecipeModel.sha256Settings(model, 2, 2, SHA))) {
            result = recipe.run(SHA, 16);
        }
        assertEquals(16, result.succeeded(), result::firstError);
        assertEquals(IntStream.range(0, 16).mapToLong(SHA::expected).sum(), result.digest());
        assertTrue(java.util.Arrays.stream(result.latencyNanos()).allMatch(n -> n > 0),
                "each task timed by the recipe");
    }

    @Test
    void aDigestThatDiffersIsAnError() throws Exception {
        Map<String, Object> settings = PythonRecipeModel.sha256Settings("serial", 1, 1, SHA);
        settings.put("rounds", SHA.rounds() + 1); // the recipe now hashes once more than Java expects
        BatchResult result;
        try (PythonRecipeModel recipe = recipe(settings)) {
            result = recipe.run(SHA, 8);
        }
        assertEquals(8, result.errors());
        assertTrue(result.firstError().contains("from Python != expected"), result.firstError());
    }

    @ParameterizedTest
    @ValueSource(strings = {"serial", "asyncio", "threads", "process"})
    void everyRequestIsMadeOnceAndChecked(String model) throws Exception {
        server.resetRequests();
        BatchResult result;
        try (PythonRecipeModel recipe = recipe(PythonRecipeModel.ioSettings(model, 8, 4, server.baseUrl(),
                LATENCY_MS))) {
            result = recipe.run(HTTP, 24);
        }
        assertEquals(24, result.succeeded(), result::firstError);
        assertEquals(24, server.getAllServeEvents().size());
        for (int i = 0; i < 24; i++) {
            String url = "/io/item/" + i + "?latencyMs=" + LATENCY_MS;
            assertEquals(1, server.getAllServeEvents().stream().filter(e
                    -> e.getRequest().getUrl().equals(url)).count(), url);
        }
    }

    @Test
    void asyncioKeepsConcurrencyInFlight() throws Exception {
        try (PythonRecipeModel recipe = recipe(PythonRecipeModel.ioSettings("asyncio", 10, 1, server.baseUrl(),
                LATENCY_MS))) {
            recipe.run(HTTP, 10); // connections opened
            server.resetRequests();
            BatchResult result = recipe.run(HTTP, 50);
            assertEquals(50, result.succeeded(), result::firstError);
            // counted by the server, not timed: at C=10 it holds up to 10 at once, serially 1
            int peak = ServerJournal.peakInFlight(server, LATENCY_MS);
            assertTrue(peak >= 5 && peak <= 10, "50 requests at C=10: the server held at most " + peak + " at once");
        }
    }

    @Test
    void aWrongBodyIsAnError() throws Exception {
        Map<String, Object> settings = PythonRecipeModel.ioSettings("threads", 4, 1, server.baseUrl(), LATENCY_MS);
        settings.put("expected", "not the item");
        try (PythonRecipeModel recipe = recipe(settings)) {
            BatchResult result = recipe.run(HTTP, 8);
            assertEquals(8, result.errors());
            assertTrue(result.firstError().startsWith("unexpected body"), result.firstError());
        }
    }

    @Test
    void aMissingInterpreterIsOneClearException() {
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> new PythonRecipeModel(
                "/nonexistent/python3", PythonRecipeModel.sha256Settings("serial", 1, 1, SHA), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("/nonexistent/python3"), e.getMessage());
        assertFalse(PythonInterpreter.probe("/nonexistent/python3").isPresent());
    }

    @Test
    void onlyPython38AndNewerIsTaken() {
        assertFalse(PythonInterpreter.atLeast38("3.7.9"));
        assertFalse(PythonInterpreter.atLeast38("2.7.18"));
        assertFalse(PythonInterpreter.atLeast38("Python 3.11"));
        assertTrue(PythonInterpreter.atLeast38("3.8.0"));
        assertTrue(PythonInterpreter.atLeast38("3.13.1"));
        assertTrue(PythonInterpreter.atLeast38("4.0.0"));
    }

    @Test
    void aCrashCostsItsBatchAndTheNextBatchStartsAnew() throws Exception {
        try (PythonRecipeModel recipe = recipe(PythonRecipeModel.ioSettings("serial", 1, 1, server.baseUrl(),
                LATENCY_MS))) {
            long first = recipe.pid();
            Thread killer = Thread.ofPlatform().start(() -> {
                sleep(300);
                ProcessHandle.of(first).ifPresent(ProcessHandle::destroyForcibly);
            });
            BatchResult crashed = recipe.run(HTTP, 40); // 2 s serially: killed mid-batch
            killer.join();
            assertEquals(40, crashed.errors());
            assertTrue(crashed.firstError().contains("ended"), crashed.firstError());
            BatchResult next = recipe.run(HTTP, 4);
            assertEquals(4, next.succeeded(), next::firstError);
            assertTrue(recipe.pid() != first);
        }
    }

    /**
     * A pool that loses a process is broken for good in CPython: the recipe ends after its answer, and the next batch
     * starts a new one.
     */
    @Test
    void aPoolThatLosesAProcessIsReplacedForTheNextBatch() throws Exception {
        try (PythonRecipeModel recipe = recipe(PythonRecipeModel.ioSettings("process", 2, 2, server.baseUrl(),
                LATENCY_MS))) {
            long first = recipe.pid();
            long worker = ProcessHandle.of(first).orElseThrow().children().findFirst().orElseThrow().pid();
            Thread killer = Thread.ofPlatform().start(() -> {
                sleep(300);
                ProcessHandle.of(worker).ifPresent(ProcessHandle::destroyForcibly);
            });
            BatchResult broken = recipe.run(HTTP, 40); // 20 waves of 50 ms
            killer.join();
            assertTrue(broken.errors() > 0, "the lost process's tasks are errors");
            BatchResult next = recipe.run(HTTP, 8);
            assertEquals(8, next.succeeded(), next::firstError);
            assertTrue(recipe.pid() != first, "a new recipe with a whole pool");
        }
    }

    @Test
    void aHangEndsAsErrorsWithinTheTimeout() throws Exception {
        BackendStubs.installItem(server.baseUrl(), 5_000);
        try (PythonRecipeModel recipe = new PythonRecipeModel(python,
                PythonRecipeModel.ioSettings("serial", 1, 1, server.baseUrl(), 5_000), Duration.ofSeconds(1))) {
            BatchResult hung = recipe.run(HTTP, 3);
            assertEquals(3, hung.errors());
            // only the batch timeout (1 s, against tasks of 5 s) says this: the hang was cut short
            assertTrue(hung.firstError().contains("did not answer"), hung.firstError());
        }
    }

    @Test
    void itsPoolEndsWithItEvenWhenItIsKilled() throws Exception {
        PythonRecipeModel recipe = recipe(PythonRecipeModel.sha256Settings("process", 2, 2, SHA));
        ProcessHandle main = ProcessHandle.of(recipe.pid()).orElseThrow();
        List<ProcessHandle> pool = main.descendants().toList();
        assertTrue(pool.size() >= 2, "the pool's workers: " + pool);
        main.destroyForcibly(); // no shutdown: the workers notice their parent is gone
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (pool.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertTrue(pool.stream().noneMatch(ProcessHandle::isAlive), "pool workers outlived their parent");
        recipe.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
