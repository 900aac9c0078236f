package dev.tenfold.bench;

import dev.tenfold.backend.Backend;
import dev.tenfold.workload.http.HttpClients;
import dev.tenfold.workload.Task;
import java.net.http.HttpClient;

/**
 * A family whose tasks talk to the backend: per trial it attaches to the CLI's backend (or, run
 * bare, starts its own) and creates the one HttpClient every model shares, and closes both after.
 */
public abstract class BackendBenchmark extends BatchBenchmark {
    private Backend backend;
    private HttpClients http;

    /** Installs this family's stubs at {@code backendUrl} and builds its task on {@code client}. */
    protected abstract Task createTask(String backendUrl, HttpClient client) throws Exception;

    @Override
    protected final Task createTask() throws Exception {
        backend = Backend.forBenchmark();
        http = HttpClients.create();
        return createTask(backend.url(), http.client());
    }

    @Override
    protected final void closeTask() {
        if (http != null) {
            http.close();
        }
        if (backend != null) {
            backend.close();
        }
    }
}
