package dev.tenfold.workload.http;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one {@link HttpClient} configuration every model uses: HTTP/1.1 (no h2c upgrade attempt), a
 * connect timeout, and an explicit executor for the client's own callbacks, sized to the cores, so
 * no model gets a private advantage. One per JVM; closing it also stops that executor, which
 * {@link HttpClient#close()} leaves to its owner.
 */
public record HttpClients(HttpClient client, ExecutorService callbacks) implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public static HttpClients create() {
        ExecutorService callbacks = Executors.newFixedThreadPool(
                Math.max(2, Runtime.getRuntime().availableProcessors()),
                Thread.ofPlatform().daemon().name("http-client-", 0).factory());
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .executor(callbacks)
                .build();
        return new HttpClients(client, callbacks);
    }

    @Override
    public void close() {
        client.shutdownNow();
        callbacks.shutdownNow();
    }
}
