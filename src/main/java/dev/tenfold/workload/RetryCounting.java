package dev.tenfold.workload;

/**
 * A task that retries: it counts retries and 429s, and hands the counts over once per batch, or
 * per task to a stream, which reports each task as it ends on the thread that ran it.
 */
public interface RetryCounting {

    /** What a batch of tasks added up to. */
    record RetryCounts(long retries, long rejected) {
        public static final RetryCounts NONE = new RetryCounts(0, 0);
    }

    /** The counts since the last call, which starts new ones. */
    RetryCounts drainRetryCounts();

    /**
     * The counts of the tasks this thread ran since its last call, which starts new ones: what a
     * stream's task that just ended on this thread did, to be counted in the window it ended in
     * (the batch counts above also hold the tasks that ended between windows).
     */
    RetryCounts drainThisThread();
}
