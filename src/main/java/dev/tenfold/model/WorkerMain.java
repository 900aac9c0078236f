package dev.tenfold.model;

import dev.tenfold.process.ChildProcess;
import dev.tenfold.process.MeasuredJvm;
import dev.tenfold.workload.Task;
import dev.tenfold.workload.TaskSpec;
import dev.tenfold.workload.WorkerTask;
import dev.tenfold.workload.catalog.Workloads;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The main of one worker JVM of {@link ProcessPoolModel}. Protocol over stdin/stdout: the parent
 * sends the task spec ({@code writeUTF}); the worker answers the text line {@code READY}; then for
 * each task the parent sends its index and its payload (length, -1 for none, then the bytes) and
 * the worker answers {@link #ANSWER}, its JIT's compile time so far in ms (a long: the parent's
 * warm-up waits until it stops growing), then {@code true} + the digest, or {@code false} + an
 * error message. End of stdin ends the worker.
 *
 * <p>Nothing else may write to stdout: {@code System.out} is pointed at stderr before the task is
 * built (a task or library that prints cannot corrupt the protocol), the JVM logs to stderr (see
 * the pool's JVM options), and {@link #ANSWER} lets the parent detect anything that still does.
 */
public final class WorkerMain {
    static final String READY = "READY";
    /** Starts every answer: an int that stray text is unlikely to spell. */
    static final int ANSWER = 0x7F54460A;

    private static final java.lang.management.CompilationMXBean JIT =
            java.lang.management.ManagementFactory.getCompilationMXBean();

    private WorkerMain() {
    }

    /**
     * The fork's heap and collector (MeasuredJvm); the JVM's own warnings go to stderr: stdout carries the protocol.
     */
    static final List<String> WORKER_JVM_OPTIONS = java.util.stream.Stream.concat(MeasuredJvm.asThisJvm().stream(),
            java.util.stream.Stream.of("-Djava.awt.headless=true", "-Xlog:all=warning:stderr",
            "-XX:+DisplayVMOutputToStderr")).toList();
    /** How long a (replacement) worker JVM may take to start and build its task. */
    private static final long READY_SECONDS = 60;

    /** Starts a worker JVM and sends it the task to build; {@link #awaitReady} waits for it. */
    static ChildProcess start(TaskSpec taskSpec) throws IOException {
        ChildProcess worker = ChildProcess.startJvm(WorkerMain.class.getName(), WORKER_JVM_OPTIONS, List.of());
        worker.toChild().writeUTF(taskSpec.line());
        worker.toChild().flush();
        return worker;
    }

    /** Waits for a started worker's {@link #READY}, for at most {@value #READY_SECONDS} s. */
    static void awaitReady(ChildProcess worker) throws IOException {
        String ready = worker.awaitLine(READY_SECONDS, TimeUnit.SECONDS);
        if (!WorkerMain.READY.equals(ready)) {
            throw new IOException("worker " + worker.pid() + " answered '" + ready + "' instead of "
                    + WorkerMain.READY);
        }
    }

    /** Sends task {@code index}, and its payload if it has one, to a ready worker. */
    static void send(ChildProcess worker, int index, byte[] payload) throws IOException {
        DataOutputStream toWorker = worker.toChild();
        toWorker.writeInt(index);
        toWorker.writeInt(payload == null ? -1 : payload.length);
        if (payload != null) {
            toWorker.write(payload);
        }
        toWorker.flush();
    }

    /** Serves until the parent closes stdin, then exits; any failure (the parent gone mid-message) exits too. */
    public static void main(String[] args) {
        try {
            serve();
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void serve() throws Exception {
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
        System.setOut(System.err);
        WorkerTask built = Workloads.fromSpec(TaskSpec.parse(in.readUTF()));
        try (AutoCloseable resources = built.resources()) {
            Task task = built.task();
            out.write((READY + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (true) {
                int index;
                try {
                    index = in.readInt();
                } catch (EOFException parentClosed) {
                    break;
                }
                int length = in.readInt();
                byte[] payload = length < 0 ? null : in.readNBytes(length);
                try {
                    long digest = payload == null ? task.run(index) : task.run(index, payload);
                    out.writeInt(ANSWER);
                    out.writeLong(JIT.getTotalCompilationTime());
                    out.writeBoolean(true);
                    out.writeLong(digest);
                } catch (Exception e) {
                    String message = e.getClass().getSimpleName() + ": " + e.getMessage();
                    out.writeInt(ANSWER);
                    out.writeLong(JIT.getTotalCompilationTime());
                    out.writeBoolean(false);
                    out.writeUTF(message.length() > 1000 ? message.substring(0, 1000) : message);
                }
                out.flush();
            }
        }
    }
}
