package dev.tenfold.model;

import dev.tenfold.vocabulary.Variant;
import dev.tenfold.workload.Task;
import java.io.IOException;

/**
 * How tasks run: one implementation per model in the SPEC, written once and used by every family.
 * A model is created once per trial (its threads or worker JVMs live that long) and runs many
 * batches; it knows nothing of JMH.
 */
public interface ExecutionModel extends AutoCloseable {

    /**
     * The model a variant of the SPEC names, for one trial.
     *
     * @param concurrency tasks in flight (threads of the platform pool, virtual threads, async window)
     * @param workers     fork-join parallelism or worker JVMs of the process pool
     * @param task        what the workers of the process pool must be able to rebuild
     * @throws IllegalArgumentException for a variant that is not one model (the mixed family's, the Python recipe's)
     */
    static ExecutionModel of(Variant variant, int concurrency, int workers, Task task) throws IOException {
        return switch (variant) {
            case SERIAL -> new SerialModel();
            case PLATFORM -> new PlatformPoolModel(concurrency);
            case VIRTUAL -> new VirtualThreadModel(concurrency);
            case ASYNC -> new AsyncWindowModel(concurrency);
            case FORKJOIN -> new ForkJoinModel(workers);
            case PROCESS -> new ProcessPoolModel(workers, task);
            default -> throw new IllegalArgumentException("no single execution model is called " + variant);
        };
    }

    /**
     * Runs tasks {@code 0 .. tasks-1} of {@code task}, at most this model's concurrency at a time, and waits for all.
     */
    BatchResult run(Task task, int tasks) throws InterruptedException;

    /**
     * Starts no more tasks until the next {@link #run} and lets none run meanwhile: the benchmark
     * calls it before the profiler measures the idle JVMs. Only a model that runs tasks between
     * calls ({@link VirtualStreamModel}) has anything to do.
     */
    default void pause() {
    }

    /**
     * Tasks keep running between calls of {@link #run} (a stream), so a restart after {@link #pause()} has a ramp-up.
     */
    default boolean runsBetweenCalls() {
        return false;
    }

    /**
     * Tasks arrive whether or not earlier ones have ended (an open loop): past its capacity, the
     * longer it runs the longer its queue, so how long it ran before a window is part of the window.
     */
    default boolean arrivalsQueue() {
        return false;
    }

    /**
     * Whether a JIT compiles the tasks as they run (every JVM model): then the warm-up runs {@link
     * Task#warmupTasks()} in each JVM. An interpreter (the Python recipe) needs only a batch or
     * two, to open its connections and quicken its bytecode.
     */
    default boolean compilesAsItRuns() {
        return warmUpModel() == this || warmUpModel().compilesAsItRuns();
    }

    /**
     * Milliseconds the JIT of this model's worker JVMs has compiled so far, summed over them, as of
     * their last answers; 0 for a model that runs in this JVM. (A model that wraps another, named by
     * {@link #warmUpModel()}, answers this and the two around it for the one it wraps.)
     */
    default long workerCompileMillis() {
        return warmUpModel() == this ? 0 : warmUpModel().workerCompileMillis();
    }

    /** The JVMs other than this one that run its tasks, each of which must warm up (a process pool: its workers). */
    default int jvms() {
        return warmUpModel() == this ? 0 : warmUpModel().jvms();
    }

    /**
     * The model the set-up warm-up runs in closed batches: this one, or, for a model whose tasks
     * arrive on a timer ({@link OpenLoopModel}), the model it wraps (the same code path, run as
     * fast as it goes instead of at the offered rate).
     */
    default ExecutionModel warmUpModel() {
        return this;
    }

    /** Stops this model's threads or processes. */
    @Override
    void close();
}
