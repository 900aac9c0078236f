package dev.tenfold.backend;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.tenfold.workload.http.ImageSet;

/**
 * The mixed family's images, {@code /mixed/image/{id}}: a WireMock transformer that puts the PNG of
 * {@link ImageSet} image {@code id} into the stub's (delayed) response. Generated here rather than
 * sent through the admin API as 200 stubs of 720 KiB each: all of them on the first request (in
 * the benchmark's warm-up), so that no measured request waits for its image to be encoded (a
 * baseline that strides over all images would otherwise look backend-limited).
 */
public final class ImageResponse implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "tenfold-image";
    private final ImageSet images = new ImageSet();
    private volatile boolean encoded;

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        String path = serveEvent.getRequest().getUrl().replaceAll("\\?.*", "");
        int id;
        try {
            id = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id < 0 || id >= ImageSet.COUNT) {
            return new ResponseDefinitionBuilder().withStatus(404).withBody("no image " + path).build();
        }
        if (!encoded) {
            synchronized (this) {
                if (!encoded) {
                    images.encodeAll();
                    encoded = true;
                }
            }
        }
        return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but()
                .withHeader("Content-Type", "image/png").withBody(images.png(id)).build();
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
