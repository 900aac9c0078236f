package dev.tenfold.workload;

/** A task rebuilt from its {@link TaskSpec} in a worker JVM, and what must be closed when the JVM is done with it. */
public record WorkerTask(Task task, AutoCloseable resources) {
    /** A task that holds nothing to close. */
    public static WorkerTask of(Task task) {
        return new WorkerTask(task, () -> { });
    }
}
