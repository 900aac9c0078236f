package dev.tenfold.backend;

import com.github.tomakehurst.wiremock.admin.Router;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.AdminApiExtension;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.Request;

/**
 * The rate-limited endpoint's gate: a request to {@code /resilience/limited/...?limit=K} is admitted
 * while fewer than K admitted requests are in flight, otherwise answered at once with {@code 429}
 * and {@code Retry-After}. Admitted requests then get the stub's normal, delayed response.
 *
 * <p>Why it is built from two hooks: "in flight" must last until the delayed response's last byte
 * is written, but with asynchronous delays every WireMock listener fires before that. So admission
 * happens in a WireMock request filter (which can answer 429), and the release in Jetty's
 * {@link HttpChannel.Listener#onComplete}, which fires after the last byte. The filter marks the
 * admitted Jetty request with an attribute; it reaches that request through a thread-local set in
 * {@link #onBeforeDispatch}, because Jetty runs the whole dispatch, filter included, on the thread
 * that called it. A 429 is never counted, so the count is exact: admitted and not yet completed.
 * {@code GET /__admin/tenfold/limited} shows it, with the peak since the start (or since the last
 * {@code DELETE} of that path, which resets it) and the admitted and rejected totals, for tests and
 * troubleshooting. Reading does not reset anything, so two readings agree.
 */
public final class InFlightLimit implements HttpChannel.Listener, StubRequestFilterV2, AdminApiExtension {
    public static final String PATH_PREFIX = "/resilience/limited/";
    public static final String ADMIN_PATH = "/__admin/tenfold/limited";
    /** Seconds a rejected client is asked to wait (HTTP allows whole seconds only). */
    public static final int RETRY_AFTER_SECONDS = 1;
    private static final String ADMITTED = InFlightLimit.class.getName() + ".admitted";
    private static final ThreadLocal<Request> DISPATCHING = new ThreadLocal<>();

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final LongAdder admitted = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    @Override
    public void onBeforeDispatch(Request request) {
        DISPATCHING.set(request);
    }

    @Override
    public void onAfterDispatch(Request request) {
        DISPATCHING.remove();
    }

    @Override
    public RequestFilterAction filter(com.github.tomakehurst.wiremock.http.Request request, ServeEvent serveEvent) {
        if (!request.getUrl().startsWith(PATH_PREFIX)) {
            return RequestFilterAction.continueWith(request);
        }
        QueryParameter limit = request.queryParameter("limit");
        Request jetty = DISPATCHING.get();
        if (!limit.isPresent() || !limit.firstValue().matches("[1-9][0-9]{0,6}") || jetty == null) {
            return RequestFilterAction.stopWith(new ResponseDefinitionBuilder()
                    .withStatus(400).withBody("the limited endpoint needs ?limit=K (K >= 1)").build());
        }
        int now = inFlight.incrementAndGet();
        if (now > Integer.parseInt(limit.firstValue())) {
            inFlight.decrementAndGet();
            rejected.increment();
            return RequestFilterAction.stopWith(new ResponseDefinitionBuilder()
                    .withStatus(429)
                    .withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                    .withBody("too many requests in flight")
                    .build());
        }
        jetty.setAttribute(ADMITTED, Boolean.TRUE);
        admitted.increment();
        peak.accumulateAndGet(now, Math::max);
        return RequestFilterAction.continueWith(request);
    }

    @Override
    public void onComplete(Request request) {
        if (request.getAttribute(ADMITTED) != null) {
            inFlight.decrementAndGet();
        }
    }

    private Map<String, Object> stats() {
        return Map.of("inFlight", inFlight.get(), "peak", peak.get(), "admitted", admitted.sum(), "rejected",
                rejected.sum());
    }

    @Override
    public String getName() {
        return "tenfold-in-flight-limit";
    }

    @Override
    public void contributeAdminApiRoutes(Router router) {
        router.add(RequestMethod.GET, ADMIN_PATH.substring("/__admin".length()),
                (admin, serveEvent, pathParams) -> ResponseDefinition.okForJson(stats()));
        router.add(RequestMethod.DELETE, ADMIN_PATH.substring("/__admin".length()), (admin, serveEvent, pathParams) -> {
            peak.set(inFlight.get());
            return ResponseDefinition.okForJson(stats());
        });
    }
}
