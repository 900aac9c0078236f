package dev.tenfold.workload.cpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;
import dev.tenfold.workload.Task;
import dev.tenfold.workload.TaskCheckFailed;
import dev.tenfold.workload.TaskSpec;
import dev.tenfold.workload.WorkerTask;

/**
 * The article's advice for big arrays and worker processes: share memory instead of copying. Each
 * task checksums one large input (CRC32C over e.g. 64 MiB); what differs is how a worker JVM gets
 * the input: {@code pipe} copies it down the worker's stdin with every task (what pickling an
 * argument to a process pool does), {@code mmap} has the parent write it once to a file that every
 * worker maps (the page cache is then shared memory). In this JVM both read the array directly, so
 * serial is the cost of the work alone and the difference under the process model is the hand-off.
 * Every checksum is checked against one computed from the regenerated input.
 */
public final class LargeInputTask implements Task, AutoCloseable {
    public static final String KIND = "cpu-handoff";
    private static final long SEED = 4_000;

    private final String transport;
    private final int bytes;
    private final byte[] data;
    private final ByteBuffer mapped;
    private final Path file;
    private final boolean ownsFile;
    private final long expected;

    /** The parent's side: generates the input, and for {@code mmap} writes the shared file. */
    public static LargeInputTask create(String transport, int bytes) {
        byte[] data = input(bytes);
        if (transport.equals("pipe")) {
            return new LargeInputTask(transport, bytes, data, null, null, false);
        }
        if (!transport.equals("mmap")) {
            throw new IllegalArgumentException("hand-off is pipe or mmap, not " + transport);
        }
        try {
            Path file = Files.createTempFile("tenfold-handoff-", ".bin");
            file.toFile().deleteOnExit();
            Files.write(file, data);
            return new LargeInputTask(transport, bytes, data, null, file, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A worker's side, from the spec: {@code pipe} waits for payloads, {@code mmap} maps the file. */
    public static WorkerTask fromSpec(TaskSpec spec) {
        LargeInputTask task = worker(spec.arg(0), spec.intArg(1), spec.arg(2));
        return new WorkerTask(task, task);
    }

    private static LargeInputTask worker(String transport, int bytes, String file) {
        if (transport.equals("pipe")) {
            return new LargeInputTask(transport, bytes, null, null, null, false);
        }
        try (FileChannel channel = FileChannel.open(Path.of(file), StandardOpenOption.READ)) {
            ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, bytes);
            return new LargeInputTask(transport, bytes, null, mapped, Path.of(file), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LargeInputTask(String transport, int bytes, byte[] data, ByteBuffer mapped, Path file, boolean ownsFile) {
        this.transport = transport;
        this.bytes = bytes;
        this.data = data;
        this.mapped = mapped;
        this.file = file;
        this.ownsFile = ownsFile;
        this.expected = crc(ByteBuffer.wrap(data != null ? data : input(bytes)));
    }

    private static byte[] input(int bytes) {
        byte[] data = new byte[bytes];
        new SplittableRandom(SEED).nextBytes(data);
        return data;
    }

    private static long crc(ByteBuffer buffer) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate());
        return crc.getValue();
    }

    private long check(ByteBuffer input, int index) throws TaskCheckFailed {
        long digest = crc(input);
        if (digest != expected) {
            throw new TaskCheckFailed(describe() + ": task " + index + " saw a different input (" + input.remaining()
                    + " bytes)");
        }
        return digest;
    }

    /** In the parent (or a worker with the mapped file): the input is here already. */
    @Override
    public long run(int index) throws TaskCheckFailed {
        if (data == null && mapped == null) {
            throw new TaskCheckFailed(describe() + ": a pipe worker needs the input sent with the task");
        }
        return check(data != null ? ByteBuffer.wrap(data) : mapped, index);
    }

    /** The pipe hand-off sends the whole input with every task; the mmap one sends nothing. */
    @Override
    public byte[] payload(int index) {
        return transport.equals("pipe") ? data : null;
    }

    @Override
    public long run(int index, byte[] payload) throws TaskCheckFailed {
        return check(ByteBuffer.wrap(payload), index);
    }

    @Override
    public String describe() {
        return workerSpec().line();
    }

    @Override
    public TaskSpec workerSpec() {
        return TaskSpec.of(KIND, transport, Integer.toString(bytes), file == null ? "" : file.toString());
    }

    /** Removes the shared file (the parent's; a worker only maps it). */
    @Override
    public void close() throws IOException {
        if (ownsFile) {
            Files.deleteIfExists(file);
        }
    }
}
