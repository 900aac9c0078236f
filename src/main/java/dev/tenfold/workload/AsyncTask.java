package dev.tenfold.workload;

import java.util.concurrent.CompletableFuture;

/** A task that can also run without holding a thread while it waits: what the async model needs. */
public interface AsyncTask extends Task {

    /** Starts task {@code index}; the future completes with the same digest {@link #run} returns, or fails. */
    CompletableFuture<Long> runAsync(int index);
}
