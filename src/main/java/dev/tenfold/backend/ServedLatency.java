package dev.tenfold.backend;

import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;

/**
 * How long the backend takes per stub request, measured inside the backend from Jetty's request
 * begin to the last byte of the response (so an asynchronous delay is included, which WireMock's
 * own listeners, firing before a delayed response is written, would miss). Readable at
 * {@code GET /__admin/tenfold/served} as running totals; the client's profiler subtracts two
 * readings. This is what tells a slow backend apart from a slow client. Only admitted responses
 * (200) are timed: the instant 429s of the rate-limited endpoint and the flaky endpoint's 503s
 * would average the served delay down and hide a slow backend. Every answered stub request is
 * also counted ({@code requests}), so the client's count of requests sent can be checked against
 * the server's (a silent retry inside the HTTP client would show as a difference). The admitted
 * responses' times also go into an HdrHistogram ({@code histogram}: HdrHistogram's compressed
 * base64 form, cumulative), so that a window's percentiles of the server's own time stand beside
 * the client's: what the client adds (its queue, its scheduling) is the difference.
 */
public final class ServedLatency implements HttpChannel.Listener, AdminApiExtension {
    public static final String PATH = "/__admin/tenfold/served";
    private static final String STARTED = ServedLatency.class.getName() + ".started";
    private static final LongAdder COUNT = new LongAdder();
    private static final LongAdder NANOS = new LongAdder();
    /** Every stub request answered, whatever its status: the client's requests sent, as the server saw them. */
    private static final LongAdder REQUESTS = new LongAdder();
    private static final Histogram SERVED = new ConcurrentHistogram(3);

    @Override
    public void onRequestBegin(Request request) {
        request.setAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void onComplete(Request request) {
        if (request.getAttribute(STARTED) instanceof Long started && !request.getRequestURI().startsWith("/__admin")) {
            REQUESTS.increment();
            if (request.getResponse().getStatus() == 200) {
                long nanos = System.nanoTime() - started;
                NANOS.add(nanos);
                SERVED.recordValue(nanos);
                COUNT.increment();
            }
        }
    }

    @Override
    public String getName() {
        return "tenfold-served-latency";
    }

    @Override
    public void contributeAdminApiRoutes(Router router) {
        router.add(RequestMethod.GET, PATH.substring("/__admin".length()),
                (admin, serveEvent, pathParams) -> ResponseDefinition.okForJson(
                        Map.of("count", COUNT.sum(), "nanos", NANOS.sum(), "requests", REQUESTS.sum(),
                                "histogram", base64(SERVED))));
    }

    /** HdrHistogram's own text form of a histogram (compressed, base64), which {@code Histogram.fromString} reads. */
    static String base64(Histogram histogram) {
        Histogram copy = histogram.copy();
        ByteBuffer buffer = ByteBuffer.allocate(copy.getNeededByteBufferCapacity());
        int length = copy.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }
}
