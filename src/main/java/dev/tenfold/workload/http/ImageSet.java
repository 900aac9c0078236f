package dev.tenfold.workload.http;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import dev.tenfold.workload.cpu.DownscaleTask;

/**
 * The mixed family's images: {@link #COUNT} deterministic photo-like pictures (gradients plus noise,
 * {@link #SIZE} px square), served by the backend as PNG and turned into {@link #THUMBNAIL} px
 * thumbnails by the client. Backend and client generate the same pictures from the id, so the client
 * can check every download (length and CRC32C of the PNG) and every thumbnail (its pixel digest,
 * computed from the generated picture, not from the PNG, so a decoding fault shows) without the
 * backend telling it what to expect. A PNG is about 720 KiB (noise compresses poorly); encoding all
 * 200 takes ~3.4 s of CPU, decoding one and shrinking it ~6 ms (2-vCPU EPYC VM, JDK 25), so PNGs
 * are encoded once per JVM, on first use, and kept.
 */
public final class ImageSet {
    public static final int COUNT = 200;
    public static final int SIZE = 512;
    public static final int THUMBNAIL = 64;
    private static final long SEED = 5_000;

    private final AtomicReferenceArray<byte[]> png = new AtomicReferenceArray<>(COUNT);

    static {
        // ImageIO buffers every stream it reads in a temporary file by default: in-memory PNGs need no such cache.
        ImageIO.setUseCache(false);
    }

    /** The picture of image {@code id}. */
    public static BufferedImage image(int id) {
        return DownscaleTask.image(SIZE, SEED + id);
    }

    /** Image {@code id} as PNG bytes: the same in every JVM of one JDK, encoded on first use. */
    public byte[] png(int id) {
        byte[] bytes = png.get(id);
        if (bytes == null) {
            bytes = encode(image(id));
            png.compareAndSet(id, null, bytes);
        }
        return bytes;
    }

    /** Encodes every PNG now, in parallel: set-up work that must not land in a measured batch. */
    public ImageSet encodeAll() {
        IntStream.range(0, COUNT).parallel().forEach(this::png);
        return this;
    }

    /** The CPU stage: decode a PNG and shrink it to a thumbnail; returns the thumbnail's pixel digest. */
    public static long thumbnailDigest(byte[] pngBytes) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(pngBytes));
        if (decoded == null) {
            throw new IOException("not an image (" + pngBytes.length + " bytes)");
        }
        return thumbnailDigest(decoded);
    }

    static long thumbnailDigest(BufferedImage image) {
        return DownscaleTask.digest(DownscaleTask.downscale(image, THUMBNAIL));
    }

    private static byte[] encode(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
