package dev.tenfold.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * Reads the backend's running totals of responses served and their time ({@code
 * /__admin/tenfold/served}, see the backend's ServedLatency). A backend without that endpoint (a
 * plain WireMock at --backend-url) yields nothing, and then no figure can be blamed on it.
 */
final class BackendServed {
    private static final String PATH = "/__admin/tenfold/served";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BackendServed NONE = new BackendServed(null);
    private static HttpClient client;

    private final URI uri;

    /**
     * Admitted (200) responses and their summed time; every stub request answered; the admitted
     * responses' times, nanoseconds (null from a backend that does not send them).
     */
    record Totals(long count, long nanos, long requests, Histogram served) {

        /** The times of the responses admitted since {@code earlier}; null where either has none. */
        Histogram servedSince(Totals earlier) {
            if (served == null || earlier == null || earlier.served() == null) {
                return null;
            }
            Histogram interval = served.copy();
            interval.subtract(earlier.served());
            return interval;
        }
    }

    private BackendServed(URI uri) {
        this.uri = uri;
    }

    static BackendServed at(String backendUrl) {
        return backendUrl == null || backendUrl.isBlank() ? NONE : new BackendServed(URI.create(backendUrl + PATH));
    }

    private static Histogram histogram(JsonNode encoded) {
        try {
            return encoded.isTextual() ? Histogram.fromString(encoded.asText()) : null;
        } catch (java.util.zip.DataFormatException | RuntimeException e) {
            return null;
        }
    }

    private static synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        }
        return client;
    }

    /** The totals now, or null when the backend does not report them. */
    Totals read() {
        if (uri == null) {
            return null;
        }
        try {
            HttpResponse<String> r = client().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode totals = r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
            return totals != null && totals.path("count").isNumber() && totals.path("nanos").isNumber()
                    && totals.path("requests").isNumber()
                    ? new Totals(totals.path("count").asLong(), totals.path("nanos").asLong(),
                    totals.path("requests").asLong(),
                    histogram(totals.path("histogram")))
                    : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
