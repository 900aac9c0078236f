package dev.tenfold.workload.cpu;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import dev.tenfold.workload.TaskSpec;
import dev.tenfold.workload.WorkerTask;

/**
 * Image processing with java.awt (headless): a photo-sized image downscaled to a thumbnail by
 * repeated bilinear halving, the usual quality-preserving way to shrink by 8x.
 */
public final class DownscaleTask extends CheckedCpuTask {
    public static final String KIND = "cpu-downscale";
    private static final int INPUTS = 4;
    private final int source;
    private final int target;
    private final BufferedImage[] images = new BufferedImage[INPUTS];

    public DownscaleTask(int source, int target) {
        this.source = source;
        this.target = target;
        for (int i = 0; i < INPUTS; i++) {
            images[i] = image(source, 3_000 + i);
        }
        precomputeExpected(INPUTS);
    }

    /** A deterministic picture: smooth gradients plus noise, so scaling has real work to do. */
    public static BufferedImage image(int size, long seed) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        SplittableRandom random = new SplittableRandom(seed);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int r = (x * 255 / size + random.nextInt(32)) & 0xFF;
                int g = (y * 255 / size + random.nextInt(32)) & 0xFF;
                int b = ((x + y) * 127 / size + random.nextInt(32)) & 0xFF;
                pixels[y * size + x] = (r << 16) | (g << 8) | b;
            }
        }
        return image;
    }

    @Override
    protected long compute(int input) {
        return digest(downscale(images[input], target));
    }

    /** Halves with bilinear filtering until one more halving would pass the target, then scales to it. */
    public static BufferedImage downscale(BufferedImage image, int target) {
        BufferedImage current = image;
        int size = image.getWidth();
        do {
            size = Math.max(target, size / 2);
            BufferedImage next = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(current, 0, 0, size, size, null);
            } finally {
                g.dispose();
            }
            current = next;
        } while (size > target);
        return current;
    }

    public static long digest(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        CRC32C crc = new CRC32C();
        for (int p : pixels) {
            crc.update(p);
            crc.update(p >>> 8);
            crc.update(p >>> 16);
        }
        return crc.getValue();
    }

    @Override
    public TaskSpec workerSpec() {
        return TaskSpec.of(KIND, Integer.toString(source), Integer.toString(target));
    }

    public static WorkerTask fromSpec(TaskSpec spec) {
        return WorkerTask.of(new DownscaleTask(spec.intArg(0), spec.intArg(1)));
    }
}
