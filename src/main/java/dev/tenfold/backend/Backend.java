package dev.tenfold.backend;

import dev.tenfold.process.ChildProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The harness's handle on the backend: either a WireMock JVM it started (and stops), or an existing
 * WireMock reached by URL ({@code --backend-url}). Either way the stubs are installed through the
 * admin API, so both behave the same.
 */
public final class Backend implements AutoCloseable {
    /** System property that tells a JMH fork where the backend runs (set by the CLI). */
    public static final String URL_PROPERTY = "tenfold.backend.url";
    /** System property with the backend's pid, so the profiler can keep its CPU apart. */
    public static final String PID_PROPERTY = "tenfold.backend.pid";

    /** A fixed heap and a throughput collector: the backend must never stall on GC or memory. */
    private static final List<String> JVM_OPTIONS = List.of("-Xms512m", "-Xmx2g", "-XX:+UseParallelGC");

    private final String url;
    private final ChildProcess process;

    private Backend(String url, ChildProcess process) {
        this.url = url;
        this.process = process;
    }

    /** Starts a backend JVM on a free loopback port and waits until it serves. */
    public static Backend start() throws IOException {
        ChildProcess jvm = ChildProcess.startJvm(BackendMain.class.getName(), JVM_OPTIONS, List.of("0"));
        String line = jvm.awaitLine(60, TimeUnit.SECONDS);
        if (!line.startsWith("LISTENING ")) {
            jvm.close();
            throw new IOException("backend said '" + line + "' instead of LISTENING <port>");
        }
        Backend backend = new Backend("http://127.0.0.1:" + line.substring("LISTENING ".length()).trim(), jvm);
        backend.checkReachable();
        return backend;
    }

    /** Uses a WireMock that already runs at {@code url}; fails if it does not answer its admin API. */
    public static Backend attach(String url) throws IOException {
        Backend backend = new Backend(url.replaceAll("/+$", ""), null);
        backend.checkReachable();
        return backend;
    }

    /** The backend a JMH fork should use: the CLI's (system property) or, when run bare, its own. */
    public static Backend forBenchmark() throws IOException {
        String url = System.getProperty(URL_PROPERTY);
        if (url != null && !url.isBlank()) {
            return attach(url);
        }
        Backend own = start();
        System.setProperty(URL_PROPERTY, own.url());
        System.setProperty(PID_PROPERTY, Long.toString(own.pid().orElseThrow()));
        return own;
    }

    private void checkReachable() throws IOException {
        HttpResponse<Void> health;
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            health = client.send(HttpRequest.newBuilder(URI.create(url + "/__admin/mappings?limit=1"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking the backend at " + url);
        } catch (IOException e) {
            throw new IOException("backend unreachable at " + url, e);
        }
        if (health.statusCode() != 200) {
            throw new IOException("backend at " + url + " is not a WireMock admin API (HTTP " + health.statusCode()
                    + ")");
        }
    }

    public String url() {
        return url;
    }

    /**
     * Whether this backend has tenfold's WireMock extensions (response timer, in-flight limit, flaky
     * faults, images): a plain WireMock at {@code --backend-url} has none, and the mixed and
     * resilience families cannot run against it.
     */
    public boolean hasTenfoldExtensions() throws IOException {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(HttpRequest.newBuilder(URI.create(url + InFlightLimit.ADMIN_PATH))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode()
                    == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking the backend at " + url + " for its extensions");
        }
    }

    /**
     * One line on how the backend JVM this harness started ended ("the backend JVM (pid 123) died:
     * killed by signal 9"), or null while it runs or when it is not ours to watch.
     */
    public String death() {
        String ended = process == null ? null : process.exitDescription();
        return ended == null ? null : "the backend JVM (pid " + process.pid() + ") died: " + ended;
    }

    /** The pid of the backend JVM when this harness started it. */
    public OptionalLong pid() {
        return process == null ? OptionalLong.empty() : OptionalLong.of(process.pid());
    }

    /** Stops the backend JVM if this harness started it; an attached backend is left running. */
    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
