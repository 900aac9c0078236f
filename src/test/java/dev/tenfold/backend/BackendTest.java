package dev.tenfold.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tenfold.model.BatchResult;
import dev.tenfold.model.SerialModel;
import dev.tenfold.model.VirtualThreadModel;
import dev.tenfold.workload.http.HttpClients;
import dev.tenfold.workload.http.HttpItemTask;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The backend JVM the harness starts: loopback only, serves the delay, and ends with its handle. */
@Tag("slow") // starts JVMs, servers or a browser: ./run-benchmarks.sh test -Pfast leaves it out
class BackendTest {

    @Test
    void listensOnLoopbackOnlyServesTheDelayAndStops() throws Exception {
        long pid;
        try (Backend backend = Backend.start(); HttpClients http = HttpClients.create()) {
            pid = backend.pid().orElseThrow();
            int port = URI.create(backend.url()).getPort();
            assertTrue(backend.url().startsWith("http://127.0.0.1:"));
            assertListensOnLoopbackOnly(port);

            BackendStubs.installItem(backend.url(), 100);
            HttpRequest get = HttpRequest.newBuilder(URI.create(backend.url() + HttpItemTask.path(1, 100))).build();
            http.client().send(get, HttpResponse.BodyHandlers.discarding()); // connect and warm up once
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.client().send(get, HttpResponse.BodyHandlers.ofByteArray());
            double ms = (System.nanoTime() - start) / 1e6;
            assertEquals(200, response.statusCode());
            assertTrue(ms >= 100, "a 100 ms stub answered in " + ms + " ms"); // a lower bound only: a busy machine adds

            HttpItemTask task = new HttpItemTask(http.client(), backend.url(), 100);
            BatchResult serial = new SerialModel().run(task, 5);
            BatchResult virtual = new VirtualThreadModel(10).run(task, 20);
            assertEquals(5, serial.succeeded());
            assertEquals(20, virtual.succeeded());
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "backend JVM left running");
    }

    /**
     * The backend's own timer, which tells a slow backend from a slow client: 10 requests of a
     * 100 ms stub add 10 to its count and 100 ms to 150 ms each to its time.
     */
    @Test
    void theBackendTimesWhatItServes() throws Exception {
        try (Backend backend = Backend.start(); HttpClients http = HttpClients.create()) {
            BackendStubs.installItem(backend.url(), 100);
            HttpRequest get = HttpRequest.newBuilder(URI.create(backend.url() + HttpItemTask.path(1, 100))).build();
            http.client().send(get, HttpResponse.BodyHandlers.discarding()); // connect and warm up once
            com.fasterxml.jackson.databind.JsonNode before = served(http, backend);
            for (int i = 0; i < 10; i++) {
                assertEquals(200, http.client().send(get, HttpResponse.BodyHandlers.discarding()).statusCode());
            }
            com.fasterxml.jackson.databind.JsonNode after = served(http, backend);
            assertEquals(10, after.path("count").asLong() - before.path("count").asLong(),
                    "admin reads are not counted");
            double meanMs = (after.path("nanos").asLong() - before.path("nanos").asLong()) / 1e6 / 10;
            assertTrue(meanMs >= 100 && meanMs < 250, "served in " + meanMs + " ms on average");
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode served(HttpClients http, Backend backend) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.client().send(HttpRequest.newBuilder(
                URI.create(backend.url() + ServedLatency.PATH)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void anUnreachableBackendUrlIsRefused() throws IOException {
        String nobodyListens = ClosedPort.url();
        IOException e = assertThrows(IOException.class, () -> Backend.attach(nobodyListens));
        assertTrue(e.getMessage().contains("unreachable"), e.getMessage());
    }

    /**
     * Reads /proc/net/tcp and tcp6: the port must have a listener, and every listener on it must be
     * bound to 127.0.0.1 (in tcp6 a dual-stack JVM shows it as the IPv4-mapped ::ffff:127.0.0.1).
     */
    private static void assertListensOnLoopbackOnly(int port) throws IOException {
        assumeTrue(Files.exists(Path.of("/proc/net/tcp")), "needs Linux /proc/net/tcp");
        String portHex = String.format(Locale.ROOT, ":%04X", port);
        List<String> listeners = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            if (Files.exists(Path.of(table))) {
                Files.readAllLines(Path.of(table)).stream().skip(1).map(String::trim).map(l -> l.split("\\s+"))
                        .filter(f -> f[1].endsWith(portHex) && f[3].equals("0A"))
                        .forEach(f -> listeners.add(f[1].substring(0, f[1].indexOf(':'))));
            }
        }
        assertFalse(listeners.isEmpty(), "nothing listens on port " + port);
        List<String> loopback = List.of("0100007F", "0000000000000000FFFF00000100007F");
        assertTrue(loopback.containsAll(listeners), "listeners on port " + port + " not on loopback: " + listeners);
    }
}
