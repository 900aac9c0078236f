package dev.tenfold.model;

import dev.tenfold.workload.Task;
import dev.tenfold.workload.TaskSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A task whose behaviour a test sets, to make a worker JVM misbehave on cue. Every task may print
 * a line to {@code System.out} (stray output a worker must keep off its protocol channel), sleeps
 * {@code millis} and returns a digest of its index; task {@link #STALL_INDEX} first writes
 * {@code <dir>/busy-<pid>}, the trigger the test waits for, then (in {@link Stray#RAW} mode) writes
 * four bytes straight to the JVM's stdout, the protocol channel itself, and sleeps {@code stallMillis}.
 * While {@code <dir>/}{@value #REFUSE_START} exists, a worker JVM cannot build the task: it dies
 * before it is ready.
 */
public final class ScriptedTask implements Task {
    static final int STALL_INDEX = 3;

    private final Path dir;
    private final long millis;
    private final long stallMillis;
    private final Stray stray;

    /** What a task writes where it should not: nothing, a line to System.out, or raw bytes to file descriptor 1. */
    enum Stray { NONE, PRINT, RAW }

    public ScriptedTask(String... args) {
        this.dir = Path.of(args[0]);
        this.millis = Long.parseLong(args[1]);
        this.stallMillis = Long.parseLong(args[2]);
        this.stray = Stray.valueOf(args[3]);
        if (Files.exists(dir.resolve(REFUSE_START))) {
            throw new IllegalStateException("told not to start: " + dir.resolve(REFUSE_START) + " exists");
        }
    }

    /** While this file exists in the task's directory, building the task fails: a worker JVM cannot start. */
    static final String REFUSE_START = "refuse-start";

    static ScriptedTask create(Path dir, long millis, long stallMillis, Stray stray) {
        return new ScriptedTask(dir.toString(), Long.toString(millis), Long.toString(stallMillis), stray.name());
    }

    @Override
    public long run(int index) throws Exception {
        if (stray == Stray.PRINT) {
            System.out.println("stray output from task " + index);
        }
        if (index == STALL_INDEX) {
            Files.writeString(dir.resolve("busy-" + ProcessHandle.current().pid()), "");
            if (stray == Stray.RAW) {
                java.io.FileOutputStream protocol = new java.io.FileOutputStream(java.io.FileDescriptor.out);
                protocol.write(new byte[] {0x7a, 0x7a, 0x7a, 0x7a});
                protocol.flush();
            }
            Thread.sleep(stallMillis);
        } else {
            Thread.sleep(millis);
        }
        return 31L * index + 7;
    }

    /** The pid of the JVM that runs the stalling task, once it has started it. */
    static long awaitStall(Path dir, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            try (var files = Files.list(dir)) {
                var busy = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("busy-")).findFirst();
                if (busy.isPresent()) {
                    return Long.parseLong(busy.get().substring("busy-".length()));
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no worker started the stalling task within " + timeoutMillis + " ms");
    }

    @Override
    public String describe() {
        return workerSpec().line();
    }

    @Override
    public TaskSpec workerSpec() {
        return TaskSpec.ofClass(ScriptedTask.class, dir.toString(), Long.toString(millis), Long.toString(stallMillis),
                stray.name());
    }
}
