package dev.tenfold.workload.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import dev.tenfold.workload.StagedTask;
import dev.tenfold.workload.Task;
import dev.tenfold.workload.TaskCheckFailed;
import dev.tenfold.workload.TaskSpec;
import dev.tenfold.workload.WorkerTask;

/**
 * The mixed task: download image {@code index % 200} ({@code GET /mixed/image/{id}?latencyMs=L}, a
 * PNG of ~720 KiB after L ms), decode it and shrink it to a thumbnail. The download must be a 200
 * with an image/png body; the thumbnail's pixel digest must equal the one computed at set-up from
 * the generated picture, which also proves the PNG arrived intact.
 */
public final class ImageThumbnailTask implements StagedTask {
    public static final String KIND = "mixed-image";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final String baseUrl;
    private final int latencyMs;
    private final long[] expected;

    public ImageThumbnailTask(HttpClient client, String baseUrl, int latencyMs) {
        this(client, baseUrl, latencyMs, expectedDigests());
    }

    private ImageThumbnailTask(HttpClient client, String baseUrl, int latencyMs, long[] expected) {
        this.client = client;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.latencyMs = latencyMs;
        this.expected = expected;
    }

    /**
     * The same downloads answered at once, the same thumbnails and checks: the image stub for latency 0 must be
     * installed.
     */
    @Override
    public Task withoutLatency() {
        return latencyMs == 0 ? this : new ImageThumbnailTask(client, baseUrl, 0, expected);
    }

    /** The path and query of image {@code id}, as the backend's stub matches it. */
    public static String path(int id, int latencyMs) {
        return "/mixed/image/" + id + "?latencyMs=" + latencyMs;
    }

    @Override
    public byte[] fetch(int index) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path(index % ImageSet.COUNT, latencyMs)))
                .timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200
                || !response.headers().firstValue("Content-Type").orElse("").equals("image/png")) {
            throw new TaskCheckFailed("HTTP " + response.statusCode() + " "
                    + response.headers().firstValue("Content-Type").orElse("(no type)") + " from " + response.uri());
        }
        return response.body();
    }

    @Override
    public long process(int index, byte[] input) throws Exception {
        return check(expected, index, ImageSet.thumbnailDigest(input));
    }

    @Override
    public Task processFiles(Path dir) {
        return new ImageFiles(dir, expected);
    }

    /** Every image twice: PNG decoding and scaling loops over each image's rows. */
    @Override
    public int warmupTasks() {
        return 2 * ImageSet.COUNT;
    }

    /** Runs only in this JVM: a worker JVM gets its CPU stage, {@link ImageFiles}. */
    @Override
    public String describe() {
        return KIND + " " + baseUrl + " latencyMs=" + latencyMs;
    }

    /** The thumbnail digest of every image, from the generated pictures (set-up work, in parallel). */
    static long[] expectedDigests() {
        return IntStream.range(0, ImageSet.COUNT).parallel()
                .mapToLong(id -> ImageSet.thumbnailDigest(ImageSet.image(id))).toArray();
    }

    static long check(long[] expected, int index, long digest) throws TaskCheckFailed {
        if (digest != expected[index % ImageSet.COUNT]) {
            throw new TaskCheckFailed("thumbnail of image " + index % ImageSet.COUNT + ": digest "
                    + Long.toHexString(digest) + " != expected " + Long.toHexString(expected[index % ImageSet.COUNT]));
        }
        return digest;
    }

    /** The CPU stage over downloaded files, rebuilt from its spec in worker JVMs. */
    public static final class ImageFiles implements Task {
        public static final String KIND = "mixed-image-files";
        private final Path dir;
        private final long[] expected;

        /** In a worker JVM: computes the expected digests itself. */
        public ImageFiles(Path dir) {
            this(dir, expectedDigests());
        }

        private ImageFiles(Path dir, long[] expected) {
            this.dir = dir;
            this.expected = expected;
        }

        @Override
        public long run(int index) throws Exception {
            return check(expected, index, ImageSet.thumbnailDigest(Files.readAllBytes(StagedTask.inputFile(dir,
                    index))));
        }

        @Override
        public String describe() {
            return workerSpec().line();
        }

        @Override
        public TaskSpec workerSpec() {
            return TaskSpec.of(KIND, dir.toString());
        }

        public static WorkerTask fromSpec(TaskSpec spec) {
            return WorkerTask.of(new ImageFiles(Path.of(spec.arg(0))));
        }
    }
}
