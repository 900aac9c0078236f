package dev.tenfold.workload;

/** A task ran but its result was wrong (status code, size, digest): it counts as an error, never as done. */
public final class TaskCheckFailed extends Exception {
    public TaskCheckFailed(String message) {
        super(message, null, false, false);
    }
}
