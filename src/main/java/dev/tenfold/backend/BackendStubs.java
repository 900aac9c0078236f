package dev.tenfold.backend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.StubImport.stubImport;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.tenfold.workload.http.ItemPayload;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The stubs of the SPEC, installed through WireMock's admin API (so a local and a remote backend are
 * set up alike). Each stub has an id derived from its parameters: installing it again replaces it.
 */
public final class BackendStubs {
    private BackendStubs() {
    }

    /** {@code GET /io/item/{id}?latencyMs=L}: the ~1 KiB item JSON after a fixed delay of L ms. */
    public static void installItem(String backendUrl, int latencyMs) {
        install(backendUrl, item("/io/item/[0-9]+", "io-item-", latencyMs));
    }

    /**
     * {@code GET /resilience/limited/{id}?latencyMs=L&limit=K}: the item after L ms, or at once a
     * 429 with Retry-After when K admitted requests are already in flight ({@link InFlightLimit}).
     */
    public static void installLimited(String backendUrl, int latencyMs) {
        install(backendUrl, item(InFlightLimit.PATH_PREFIX + "[0-9]+", "resilience-limited-", latencyMs));
    }

    /**
     * {@code GET /resilience/flaky/{id}?latencyMs=L&p503=..&pReset=..&seed=..}: the item after L ms,
     * except for the requests {@link FlakyResponse} fails (503 or a connection reset).
     */
    public static void installFlaky(String backendUrl, int latencyMs) {
        MappingBuilder stub = item("/resilience/flaky/[0-9]+", "resilience-flaky-", latencyMs);
        stub.willReturn(itemResponse(latencyMs).withTransformers(FlakyResponse.NAME));
        install(backendUrl, stub);
    }

    /** {@code GET /mixed/image/{id}?latencyMs=L}: the PNG of image id after L ms ({@link ImageResponse}). */
    public static void installImages(String backendUrl, int latencyMs) {
        install(backendUrl, get(urlPathMatching("/mixed/image/[0-9]+"))
                .withQueryParam("latencyMs", equalTo(Integer.toString(latencyMs)))
                .withId(UUID.nameUUIDFromBytes(("mixed-image-" + latencyMs).getBytes(StandardCharsets.UTF_8)))
                .willReturn(aResponse().withStatus(200).withFixedDelay(latencyMs)
                        .withTransformers(ImageResponse.NAME)));
    }

    private static MappingBuilder item(String pathRegex, String idPrefix, int latencyMs) {
        return get(urlPathMatching(pathRegex))
                .withQueryParam("latencyMs", equalTo(Integer.toString(latencyMs)))
                .withId(UUID.nameUUIDFromBytes((idPrefix + latencyMs).getBytes(StandardCharsets.UTF_8)))
                .willReturn(itemResponse(latencyMs));
    }

    private static ResponseDefinitionBuilder itemResponse(int latencyMs) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(ItemPayload.BYTES)
                .withFixedDelay(latencyMs);
    }

    /** Adds the stub, replacing one with the same id (every JMH fork installs what it needs). */
    private static void install(String backendUrl, MappingBuilder stub) {
        URI uri = URI.create(backendUrl);
        WireMock admin = new WireMock(uri.getScheme(), uri.getHost(), uri.getPort());
        admin.importStubMappings(stubImport().stub(stub).overwriteExisting().doNotDeleteExistingStubs());
    }
}
