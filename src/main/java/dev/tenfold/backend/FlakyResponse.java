package dev.tenfold.backend;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.tenfold.workload.resilience.Flakiness;

/**
 * The flaky endpoint, {@code /resilience/flaky/{id}?p503=..&pReset=..&seed=..}: a WireMock
 * transformer that turns the stub's normal (delayed) item response into a 503 or a connection reset
 * for the requests {@link Flakiness} picks from the seed, the item id and the attempt header.
 */
public final class FlakyResponse implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "tenfold-flaky";

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        ResponseDefinition normal = serveEvent.getResponseDefinition();
        try {
            Flakiness flakiness = new Flakiness(number(request, "p503"), number(request, "pReset"),
                    Long.parseLong(request.queryParameter("seed").firstValue()));
            String path = request.getUrl().replaceAll("\\?.*", "");
            long item = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
            String attemptHeader = request.getHeader(Flakiness.ATTEMPT_HEADER);
            int attempt = attemptHeader == null ? 0 : Integer.parseInt(attemptHeader.trim());
            return switch (flakiness.outcome(item, attempt)) {
                case OK -> normal;
                case UNAVAILABLE -> ResponseDefinitionBuilder.like(normal).but()
                        .withStatus(503).withBody("unavailable").build();
                case RESET -> ResponseDefinitionBuilder.like(normal).but()
                        .withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            };
        } catch (RuntimeException bad) {
            return new ResponseDefinitionBuilder().withStatus(400)
                    .withBody("flaky endpoint: bad parameters (" + bad.getMessage() + ")").build();
        }
    }

    private static double number(Request request, String name) {
        return Double.parseDouble(request.queryParameter(name).firstValue());
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
