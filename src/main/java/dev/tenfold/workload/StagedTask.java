package dev.tenfold.workload;

import java.nio.file.Path;

/**
 * A task in two stages, I/O then CPU, which the mixed family's models may run apart: all downloads
 * first (split), or overlapped through a queue (pipeline). {@link #run} is both stages in a row.
 */
public interface StagedTask extends Task {

    /** The I/O stage of task {@code index}: its input, downloaded and checked. */
    byte[] fetch(int index) throws Exception;

    /** The CPU stage of task {@code index} on its input; returns the checked digest. */
    long process(int index, byte[] input) throws Exception;

    @Override
    default long run(int index) throws Exception {
        return process(index, fetch(index));
    }

    /**
     * The CPU stage as a task of its own, reading the input of task i from {@code dir/i}: what a
     * pool of threads or of worker JVMs runs after the downloads were written there. Its spec
     * names the directory, so worker JVMs rebuild it.
     */
    Task processFiles(Path dir);

    /** The file in {@code dir} that holds the input of task {@code index}. */
    static Path inputFile(Path dir, int index) {
        return dir.resolve(index + ".in");
    }
}
