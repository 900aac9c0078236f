package dev.tenfold.backend;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.tenfold.process.ChildProcess;

/**
 * The backend JVM: WireMock on 127.0.0.1, sized so that it is not the bottleneck of any run.
 * Prints {@code LISTENING <port>} once it serves, and stops when its parent closes stdin (or dies).
 *
 * <p>Why each setting (WireMock 3.13 defaults in brackets): loopback only [binds 0.0.0.0];
 * asynchronous responses with explicit scheduler threads, so a delayed response does not sleep on a
 * Jetty thread [sync: each delay holds one of 25 threads, a ceiling of a few hundred req/s at
 * 50 ms; async threads default to 1]; accept queue for the highest C [50]; no request journal,
 * logging, gzip or h2c [all on], which would cost backend CPU per request. {@link ServedLatency}
 * times every response inside the backend, so the suite can tell when the backend was slow.
 */
public final class BackendMain {
    /** Jetty threads parse requests and hand delays to the scheduler: a few per core is plenty. */
    static final int CONTAINER_THREADS = 64;
    /** Threads that write delayed responses when their delay ends. */
    static final int RESPONSE_THREADS = 8;
    /** Pending connections the listener accepts, above the suite's highest concurrency (5000). */
    static final int ACCEPT_QUEUE = 8192;

    private BackendMain() {
    }

    public static WireMockConfiguration configuration(int port) {
        ServedLatency served = new ServedLatency();
        InFlightLimit limit = new InFlightLimit();
        return options()
                .httpServerFactory(new TimedJettyServerFactory(served, limit))
                .extensions(served, limit, new FlakyResponse(), new ImageResponse())
                .bindAddress("127.0.0.1")
                .port(port)
                .containerThreads(CONTAINER_THREADS)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(RESPONSE_THREADS)
                .jettyAcceptQueueSize(ACCEPT_QUEUE)
                .jettyAcceptors(1)
                .disableRequestJournal()
                .stubRequestLoggingDisabled(true)
                .notifier(new Slf4jNotifier(false))
                .gzipDisabled(true)
                .http2PlainDisabled(true)
                .http2TlsDisabled(true);
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        WireMockServer server = new WireMockServer(configuration(port));
        server.start();
        System.out.println("LISTENING " + server.port());
        System.out.flush();
        ChildProcess.awaitParentExit();
        server.stop();
        System.exit(0);
    }
}
