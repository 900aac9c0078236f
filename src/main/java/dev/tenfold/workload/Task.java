package dev.tenfold.workload;

/**
 * One unit of work, identified by an index in {@code [0, tasks)}. Running index i always does the
 * same work and yields the same digest, on any thread and in any JVM, so every execution model can
 * be checked against the same expectation.
 */
public interface Task {

    /**
     * Runs task {@code index} on the calling thread and checks its result.
     *
     * @return a digest of the checked result (consumed by the caller, so the work cannot be elided)
     * @throws Exception when the work fails or its result does not check out
     */
    long run(int index) throws Exception;

    /** What this task is, in one line, for messages: its kind and arguments. */
    String describe();

    /**
     * What a worker JVM rebuilds this task from (see {@link TaskSpec}); null, the default, for a
     * task that runs only in the JVM that built it.
     */
    default TaskSpec workerSpec() {
        return null;
    }

    /**
     * The input of task {@code index} that a worker JVM cannot have otherwise and must be sent
     * with the task (copied through the pipe); null, the default, when the spec says it all.
     */
    default byte[] payload(int index) {
        return null;
    }

    /**
     * Tasks each JVM runs before it is measured, so its hot path is compiled (C2 compiles a method
     * after ~10,000 calls, a loop after ~60,000 back-edges): a CPU task of milliseconds loops that
     * often within a few runs; a request runs a few thousand small methods once each. The harness
     * caps the warm-up's time (a slow task warms what it can in that time).
     */
    default int warmupTasks() {
        return 20;
    }

    /**
     * The same task against a backend that answers at once: the same requests, the same code on
     * the client, the same checks of the responses, without the wait. The warm-up runs it first,
     * so that a task that waits on latency reaches the call counts at which the JIT compiles its
     * path in seconds rather than minutes (10,000 requests at C=10 and 50 ms take 50 s); the rest
     * of the warm-up then runs the task itself. This task itself, the default, when it waits on
     * nothing or when no such twin exists; its backend stubs must already answer the twin.
     */
    default Task withoutLatency() {
        return this;
    }

    /** Runs task {@code index} in a worker JVM on the {@link #payload} the parent sent. */
    default long run(int index, byte[] payload) throws Exception {
        return run(index);
    }
}
