package dev.tenfold.model;

import dev.tenfold.workload.Task;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;

/** The execution models of the SPEC, by the name the CSV's {@code variant} column uses. */
public enum ModelKind {
    SERIAL, PLATFORM, VIRTUAL, ASYNC, FORKJOIN, PROCESS;

    /** The variant name, e.g. {@code virtual}. */
    public String variant() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ModelKind of(String variant) {
        return Arrays.stream(values()).filter(k -> k.variant().equals(variant)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no execution model named " + variant));
    }

    /**
     * Creates this model for a trial.
     *
     * @param concurrency tasks in flight (threads of the platform pool, virtual threads, async window)
     * @param workers     fork-join parallelism or worker JVMs of the process pool
     * @param task        what the workers of the process pool must be able to rebuild
     */
    public ExecutionModel create(int concurrency, int workers, Task task) throws IOException {
        return switch (this) {
            case SERIAL -> new SerialModel();
            case PLATFORM -> new PlatformPoolModel(concurrency);
            case VIRTUAL -> new VirtualThreadModel(concurrency);
            case ASYNC -> new AsyncWindowModel(concurrency);
            case FORKJOIN -> new ForkJoinModel(workers);
            case PROCESS -> new ProcessPoolModel(workers, task.spec());
        };
    }
}
