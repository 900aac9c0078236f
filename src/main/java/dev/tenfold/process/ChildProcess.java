package dev.tenfold.process;

import dev.tenfold.ledger.TrialLedger;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process the suite starts: a JVM (the backend, a worker of the process pool: same {@code java}
 * binary and class path as this JVM) or the Python recipe, talking over its stdin/stdout (a ready
 * line of text, then whatever protocol the two sides speak).
 *
 * <p>No orphans: a child reads stdin until end of file and then exits, so when this JVM ends for
 * any reason (even SIGKILL) the pipe closes and the child follows; {@link #close()} and a shutdown
 * hook stop it (and its own children) sooner. A child announces it is ready by printing one line.
 */
public final class ChildProcess implements AutoCloseable {
    /**
     * JDK 24+ prints four lines of warning when a library (Guava inside WireMock) uses
     * sun.misc.Unsafe; JDK 23+ accepts this option, which allows it quietly.
     */
    static final String QUIET_UNSAFE = "--sun-misc-unsafe-memory-access=allow";

    private final Process process;
    private final DataInputStream fromChild;
    private final DataOutputStream toChild;
    private final Thread shutdownHook;

    private ChildProcess(Process process) {
        this.process = process;
        this.fromChild = new DataInputStream(new BufferedInputStream(process.getInputStream()));
        this.toChild = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        this.shutdownHook = new Thread(this::kill, "stop-child-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code mainClass} in a new JVM with the given JVM options and program arguments.
     * The child's stderr goes to this JVM's stderr, so its failures are seen.
     */
    public static ChildProcess startJvm(String mainClass, List<String> jvmOptions, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        if (Runtime.version().feature() >= 23) {
            command.add(QUIET_UNSAFE); // the children run this JVM's binary
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        return start(command);
    }

    /** Starts {@code command}; its stderr goes to this JVM's stderr, so its failures are seen. */
    public static ChildProcess start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        return new ChildProcess(process);
    }

    /**
     * Waits for the child's next line (first: its "ready" announcement); fails if it dies or stays
     * silent that long (and then stops it).
     */
    public String awaitLine(long timeout, TimeUnit unit) throws IOException {
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, r -> Thread.ofPlatform().daemon().start(r));
        try {
            String read = line.get(timeout, unit);
            if (read == null) {
                process.waitFor();
                throw new IOException("child process " + pid() + " ended (" + exitDescription()
                        + ") before it answered");
            }
            return read;
        } catch (TimeoutException e) {
            close();
            throw new IOException("child process " + pid() + " did not answer within " + timeout + " "
                    + unit.toString().toLowerCase(java.util.Locale.ROOT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while waiting for child process " + pid());
        } catch (ExecutionException e) {
            throw new IOException("reading from child process " + pid() + ": " + e.getCause(), e.getCause());
        }
    }

    /** One line of text from the child's stdout, read byte by byte so no binary data after it is consumed. */
    private String readLine() throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        for (int b = fromChild.read(); b != '\n'; b = fromChild.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** The child's stdin, for a binary protocol (flush after each message). */
    public DataOutputStream toChild() {
        return toChild;
    }

    /** The child's stdout, for a binary protocol, after its ready line. */
    public DataInputStream fromChild() {
        return fromChild;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** How the process ended ("exit code 1", "killed by signal 9"), or null while it runs. */
    public String exitDescription() {
        if (process.isAlive()) {
            return null;
        }
        int code = process.exitValue();
        return code > 128 ? "killed by signal " + (code - 128) : "exit code " + code;
    }

    /** Seconds a child gets to exit by itself once its stdin is closed, before it is killed. */
    private static final long EXIT_SECONDS = 5;

    /** Closes the child's stdin (its signal to exit), waits briefly, then kills it. */
    @Override
    public void close() {
        closeAll(List.of(this));
    }

    /**
     * Closes several children at once: every stdin first, then one shared wait of {@value
     * #EXIT_SECONDS} s, then a kill for those still there (W workers end in parallel, not one
     * after the other). Returns how many had to be killed.
     */
    public static int closeAll(List<ChildProcess> children) {
        int killed = 0;
        for (ChildProcess child : children) {
            child.recordCpu();
            try {
                child.toChild.close();
            } catch (IOException ignored) {
                // the child is gone already: nothing to tell it
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_SECONDS);
        for (ChildProcess child : children) {
            try {
                if (!child.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    child.kill();
                    killed++;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                child.kill();
                killed++;
            }
            try {
                Runtime.getRuntime().removeShutdownHook(child.shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or will run: it kills the child too
            }
        }
        return killed;
    }

    /**
     * Kills the child at once, for one that no longer answers (hung, stopped, or speaking out of
     * protocol): closing its stdin would not stop it.
     */
    public void abort() {
        recordCpu();
        kill();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook kills it too
        }
    }

    /** Into the trial's ledger: a measured window that spans the child's end still counts its CPU. */
    private void recordCpu() {
        process.toHandle().info().totalCpuDuration()
                .ifPresent(cpu -> TrialLedger.current().childStopped(process.pid(), cpu.toMillis()));
    }

    private void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * For a child's main: blocks until stdin reaches end of file, i.e. until the parent closes the
     * pipe or dies, then returns.
     */
    public static void awaitParentExit() {
        try {
            while (System.in.read() >= 0) {
                // the parent sends nothing on this channel but its end
            }
        } catch (IOException endOfParent) {
            // a broken pipe means the same: the parent is gone
        }
    }
}
