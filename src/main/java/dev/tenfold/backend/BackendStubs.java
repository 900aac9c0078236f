package dev.tenfold.backend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.StubImport.stubImport;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.tenfold.workload.ItemPayload;
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
        URI uri = URI.create(backendUrl);
        WireMock admin = new WireMock(uri.getScheme(), uri.getHost(), uri.getPort());
        install(admin, get(urlPathMatching("/io/item/[0-9]+"))
                .withQueryParam("latencyMs", equalTo(Integer.toString(latencyMs)))
                .withId(UUID.nameUUIDFromBytes(("io-item-" + latencyMs).getBytes(StandardCharsets.UTF_8)))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withBody(ItemPayload.BYTES)
                        .withFixedDelay(latencyMs)));
    }

    /** Adds the stub, replacing one with the same id (every JMH fork installs what it needs). */
    private static void install(WireMock admin, MappingBuilder stub) {
        admin.importStubMappings(stubImport().stub(stub).overwriteExisting().doNotDeleteExistingStubs());
    }
}
