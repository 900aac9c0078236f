package dev.tenfold.process;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The raw bandwidth of a pipe into a fresh child JVM, with large buffers and no allocation on
 * either side: the pure cost of copying an input to a worker, which the hand-off verdict sets
 * apart from what the worker does with what it receives (reading it into new arrays, allocating,
 * collecting). The parent writes {@code bytes} in 1 MiB writes; the child ({@link #main}) reads
 * them into one reused 1 MiB buffer and answers a line when it has them all.
 */
public final class PipeBandwidth {
    private static final int CHUNK = 1 << 20;
    private static final String READY = "sink-ready";

    private PipeBandwidth() {
    }

    /**
     * MiB per second through a pipe, the median of {@code rounds} transfers of {@code bytes} each
     * (the first, which starts the child's reading loop cold, is not counted).
     */
    public static double mibPerSecond(int bytes, int rounds) throws IOException {
        byte[] chunk = new byte[CHUNK];
        List<Double> rates = new ArrayList<>();
        try (ChildProcess sink = ChildProcess.startJvm(PipeBandwidth.class.getName(), List.of("-Xmx64m"), List.of())) {
            if (!READY.equals(sink.awaitLine(60, TimeUnit.SECONDS))) {
                throw new IOException("the pipe sink JVM did not start");
            }
            for (int round = 0; round <= rounds; round++) {
                long start = System.nanoTime();
                sink.toChild().writeInt(bytes);
                for (int sent = 0; sent < bytes; sent += CHUNK) {
                    sink.toChild().write(chunk, 0, Math.min(CHUNK, bytes - sent));
                }
                sink.toChild().flush();
                sink.awaitLine(60, TimeUnit.SECONDS);
                if (round > 0) {
                    rates.add(bytes / (1024.0 * 1024.0) / ((System.nanoTime() - start) / 1e9));
                }
            }
        }
        rates.sort(Double::compare);
        return rates.get(rates.size() / 2);
    }

    /** The sink: for each transfer, a length, then that many bytes into one reused buffer; a line after each. */
    public static void main(String[] args) throws IOException {
        System.out.println(READY);
        System.out.flush();
        DataInputStream in = new DataInputStream(System.in);
        byte[] buffer = new byte[CHUNK];
        while (true) {
            int length;
            try {
                length = in.readInt();
            } catch (java.io.EOFException end) {
                return;
            }
            for (int left = length; left > 0; ) {
                int read = in.read(buffer, 0, Math.min(buffer.length, left));
                if (read < 0) {
                    return;
                }
                left -= read;
            }
            System.out.println(length);
            System.out.flush();
        }
    }
}
